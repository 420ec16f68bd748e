/**
 * The meeting's facts as plain sentences, shown only on paper: on screen they
 * live in controls (ticks, menus, buttons) that the print stylesheet hides.
 */
import type { Meeting } from '../../../shared/api.js';
import { APPROACH_LABELS, PEERS_CRITERIA, REVIEW_LABELS, type MeetingCoaching } from '../../../shared/coaching.js';
import { PHASE_LABELS, type Cycle } from '../../../shared/cycle.js';
import { formatDate, formatDateTime } from '../format.js';

const num = (n: number | null) => (n === null ? '–' : String(n));

export function PrintFacts({
  meeting,
  coaching,
  cycle,
  agreed,
}: {
  meeting: Meeting;
  coaching: MeetingCoaching | null;
  cycle: Cycle | null;
  agreed: boolean;
}) {
  return (
    <section className="print-only print-facts" aria-label="The facts of this meeting">
      <h2>Facts</h2>
      {meeting.finishedAt && (
        <p>
          Finished on {formatDateTime(meeting.finishedAt)}
          {meeting.finishedBy ? ` by ${meeting.finishedBy.name}` : ''}.
        </p>
      )}
      {meeting.finishedAt === null && meeting.reopenedAt && (
        <p>
          Reopened on {formatDateTime(meeting.reopenedAt)}
          {meeting.reopenedBy ? ` by ${meeting.reopenedBy.name}` : ''}.
        </p>
      )}
      {cycle && (
        <>
          <p>
            Impact Cycle: {PHASE_LABELS[cycle.phase]}, goal {cycle.goal.status === 'set' ? 'set' : 'in draft'}.
          </p>
          {cycle.measure.what && (
            <p>
              Measure: {cycle.measure.what}. Baseline {num(cycle.measure.baseline)}, latest {num(cycle.measure.latest)}
              {cycle.measure.latestOn ? ` (${formatDate(cycle.measure.latestOn)})` : ''}, target{' '}
              {num(cycle.measure.target)}.
            </p>
          )}
        </>
      )}
      {coaching && (
        <>
          <p>
            Approach:{' '}
            {coaching.approach
              ? `${APPROACH_LABELS[coaching.approach.value]} (recorded by ${coaching.approach.by.name})`
              : 'not recorded'}
            .
          </p>
          {coaching.carried && (
            <p>
              Last time’s step: {coaching.carried.text || 'not written'}. Did it happen?{' '}
              {coaching.review ? REVIEW_LABELS[coaching.review.outcome] : 'Not answered'}.
            </p>
          )}
          <p>
            PEERS check:{' '}
            {PEERS_CRITERIA.map((c) => {
              const ticked = coaching.peers.find((p) => p.criterion === c.id)?.checked ?? false;
              return `${c.label} ${ticked ? '(ticked)' : '(not ticked)'}`;
            }).join(', ')}
            .
          </p>
          <p>
            Action step: {agreed ? 'agreed by both' : 'not agreed by both'}
            {coaching.step.dueOn ? `; check back on ${formatDate(coaching.step.dueOn)}` : ''}.
            {coaching.step.agreements.map((a) => ` ${a.name} agreed on ${formatDateTime(a.agreedAt)}.`).join('')}
          </p>
          {coaching.practice.length > 0 && (
            <>
              <h3>Rehearsals</h3>
              <ul>
                {coaching.practice.map((p) => (
                  <li key={p.id}>
                    {formatDate(p.practisedOn)}: {p.what}
                    {p.feedback ? ` Feedback: ${p.feedback}` : ''}
                    {p.reflection ? ` Reflection: ${p.reflection}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
