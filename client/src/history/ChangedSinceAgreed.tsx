/**
 * Under the agreement card, once the step has changed since both agreed: what
 * changed in its text (compared with the newest `agreed` version) and in its
 * check-back date. Looks again a moment after the step stops changing.
 */
import { useEffect, useState } from 'react';
import type { CompareResponse } from '../../../shared/history.js';
import { compareVersion, fetchVersion, fetchVersions } from '../api/historyEndpoints.js';
import { formatDate } from '../format.js';
import { DiffText } from './DiffText.js';
import styles from './history.module.css';

interface Change {
  parts: CompareResponse['sections'][number]['parts'] | null;
  dueThen: string | null;
}

export function ChangedSinceAgreed({
  meetingId,
  stepText,
  dueOn,
}: {
  meetingId: string;
  stepText: string;
  dueOn: string | null;
}) {
  const [change, setChange] = useState<Change | null>(null);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void (async () => {
        const agreed = (await fetchVersions(meetingId)).find((v) => v.kind === 'agreed');
        if (!agreed) {
          if (!cancelled) setChange(null);
          return;
        }
        const [compare, version] = await Promise.all([
          compareVersion(meetingId, agreed.id),
          fetchVersion(meetingId, agreed.id),
        ]);
        const step = compare.sections.find((s) => s.id === 'actionStep');
        if (cancelled) return;
        setChange({ parts: step?.changed ? step.parts : null, dueThen: version.facts.coaching?.step.dueOn ?? null });
      })().catch(() => {
        // What changed is a help, not the agreement itself: without it the card still says it changed.
        if (!cancelled) setChange(null);
      });
    }, 700);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [meetingId, stepText, dueOn]);

  if (!change) return null;
  const dueChanged = change.dueThen !== dueOn;
  if (!change.parts && !dueChanged) return null;
  return (
    <div className={styles.sinceAgreed} data-testid="changed-since-agreed">
      <h4>What changed since you agreed</h4>
      {change.parts && <DiffText parts={change.parts} />}
      {dueChanged && (
        <p>
          Check back on:{' '}
          <del className={styles.removed}>
            <span className="visually-hidden">removed: </span>
            {change.dueThen ? formatDate(change.dueThen) : 'no date'}
          </del>{' '}
          <ins className={styles.added}>
            <span className="visually-hidden">added: </span>
            {dueOn ? formatDate(dueOn) : 'no date'}
          </ins>
        </p>
      )}
    </div>
  );
}
