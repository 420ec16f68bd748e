/**
 * What the meeting page says about finishing: a calm banner while the meeting
 * is finished, with "Reopen to edit" for either partner; and, once reopened,
 * who reopened it and when.
 */
import type * as Y from 'yjs';
import type { Meeting } from '../../../shared/api.js';
import { errorMessage } from '../api/errorMessage.js';
import { formatDateTime } from '../format.js';
import { ChangedSinceFinished } from '../history/ChangedSinceFinished.js';
import styles from './finishing.module.css';
import type { MeetingCommand } from './useFinishing.js';

const nameOf = (person: { id: string; name: string } | null, myId: string) =>
  person === null ? 'one of you' : person.id === myId ? 'you' : person.name;

export function FinishedBanner({
  meeting,
  myId,
  reopen,
  doc,
}: {
  meeting: Meeting;
  myId: string;
  reopen: MeetingCommand;
  /** The live notes, to notice changes made since the meeting was reopened. */
  doc: Y.Doc | null;
}) {
  if (meeting.finishedAt === null) {
    if (meeting.reopenedAt === null) return null;
    const by = nameOf(meeting.reopenedBy, myId);
    return (
      <div className={styles.reopenedNote} role="status" data-testid="reopened-note">
        <p>
          Reopened by {by} on {formatDateTime(meeting.reopenedAt)}. The notes can be edited again; the finished version
          is kept in the history.
        </p>
        <ChangedSinceFinished meetingId={meeting.id} doc={doc} />
      </div>
    );
  }

  const busy = reopen.isPending;
  const error = reopen.isError
    ? errorMessage(reopen.error, 'We could not reopen the meeting. Please try again.')
    : null;

  return (
    <div className={`notice notice--info ${styles.banner}`} role="status" data-testid="finished-banner">
      <div>
        <p>
          <strong>
            Finished on {formatDateTime(meeting.finishedAt)} by {nameOf(meeting.finishedBy, myId)}.
          </strong>{' '}
          The notes are kept as they were agreed.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="button" className="button" onClick={() => reopen.mutate()} disabled={busy}>
        {busy ? 'Reopening…' : 'Reopen to edit'}
      </button>
    </div>
  );
}
