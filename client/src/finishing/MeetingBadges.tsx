/** Small labelled badges for where a meeting stands: finished, reopened, agreed (words, not colour alone). */
import type { Meeting } from '../../../shared/api.js';
import styles from './finishing.module.css';

export function MeetingBadges({
  meeting,
  agreed,
}: {
  meeting: Pick<Meeting, 'finishedAt' | 'reopenedAt'>;
  /** Whether both partners agreed the action step; undefined when not known here. */
  agreed?: boolean;
}) {
  const state = meeting.finishedAt !== null ? 'Finished' : meeting.reopenedAt !== null ? 'Reopened' : null;
  if (state === null && !agreed) return null;
  return (
    <span className={styles.badges} data-testid="meeting-badges">
      {state && (
        <span className={`badge ${state === 'Finished' ? styles.finished : styles.reopened}`}>
          {state === 'Finished' ? (
            <>
              <span aria-hidden="true">✓ </span>Finished
            </>
          ) : (
            'Reopened'
          )}
        </span>
      )}
      {agreed && <span className="badge badge--good">Agreed</span>}
    </span>
  );
}
