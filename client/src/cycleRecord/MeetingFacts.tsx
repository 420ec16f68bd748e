/** One meeting's coaching facts as plain sentences, for reading and for paper. */
import { APPROACH_LABELS, PEERS_CRITERIA, REVIEW_LABELS, type MeetingCoaching } from '../../../shared/coaching.js';
import { formatDate, formatDateTime } from '../format.js';
import styles from './cycleRecord.module.css';

/** Ends what someone typed with a full stop, unless it already ends a sentence. */
const sentence = (typed: string) => (/[.!?…]$/.test(typed.trim()) ? typed.trim() : `${typed.trim()}.`);

export function MeetingFacts({ coaching }: { coaching: MeetingCoaching }) {
  const rehearsals = coaching.practice
    .filter((p) => p.meetingId === coaching.meetingId)
    .sort((a, b) => a.practisedOn.localeCompare(b.practisedOn) || a.addedAt.localeCompare(b.addedAt));
  const ticked = PEERS_CRITERIA.filter((c) => coaching.peers.find((p) => p.criterion === c.id)?.checked);
  return (
    <div className={styles.facts}>
      <h4>What was recorded</h4>
      <ul>
        {coaching.carried && (
          <li>
            Last time’s step: {coaching.carried.text ? sentence(coaching.carried.text) : 'not written.'} Did it happen?{' '}
            {coaching.review ? REVIEW_LABELS[coaching.review.outcome] : 'Not answered'}.
          </li>
        )}
        <li>
          Approach:{' '}
          {coaching.approach
            ? `${APPROACH_LABELS[coaching.approach.value]} (recorded by ${coaching.approach.by.name})`
            : 'not recorded'}
          .
        </li>
        <li>
          PEERS check: {ticked.length} of {PEERS_CRITERIA.length} ticked
          {ticked.length > 0 ? ` (${ticked.map((c) => c.label).join(', ')})` : ''}.
        </li>
        <li>
          Action step: {coaching.step.dueOn ? `check back on ${formatDate(coaching.step.dueOn)}` : 'no check-back date'}
          .
          {coaching.step.agreements.length === 0
            ? ' Nobody has agreed to it yet.'
            : [...coaching.step.agreements]
                .sort((a, b) => a.agreedAt.localeCompare(b.agreedAt))
                .map((a) => ` ${a.name} agreed on ${formatDateTime(a.agreedAt)}.`)
                .join('')}
        </li>
      </ul>
      {rehearsals.length > 0 && (
        <>
          <h4>Rehearsals</h4>
          <ul>
            {rehearsals.map((p) => (
              <li key={p.id}>
                {formatDate(p.practisedOn)}: {sentence(p.what)}
                {p.feedback ? ` Feedback: ${sentence(p.feedback)}` : ''}
                {p.reflection ? ` Reflection: ${sentence(p.reflection)}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
