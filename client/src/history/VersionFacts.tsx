/** The coaching facts as they stood when a version was recorded, said simply. */
import { APPROACH_LABELS, PEERS_CRITERIA, REVIEW_LABELS } from '../../../shared/coaching.js';
import { CYCLE_STATUS_LABELS, PHASE_LABELS } from '../../../shared/cycle.js';
import type { VersionFacts as Facts } from '../../../shared/history.js';
import { formatDate, formatDateTime } from '../format.js';
import styles from './history.module.css';

export function VersionFacts({ facts }: { facts: Facts }) {
  const { coaching, cycle } = facts;
  if (!coaching && !cycle) return null;
  const peers = coaching?.peers.filter((p) => p.checked) ?? [];
  const measure = cycle?.measure;
  return (
    <section className={styles.facts} aria-labelledby="version-facts">
      <h3 id="version-facts" className={styles.sectionTitle}>
        The coaching facts then
      </h3>
      <dl className={styles.factList}>
        {cycle && (
          <>
            <dt>Impact Cycle</dt>
            <dd>
              {PHASE_LABELS[cycle.phase]} phase · {CYCLE_STATUS_LABELS[cycle.status]} · goal{' '}
              {cycle.goal.status === 'set' ? 'set' : 'in draft'}
            </dd>
          </>
        )}
        {measure && (measure.what || measure.baseline !== null || measure.target !== null) && (
          <>
            <dt>Measure</dt>
            <dd>
              {measure.what ?? 'Not named'}
              {measure.baseline !== null && ` · from ${measure.baseline}`}
              {measure.target !== null && ` · aiming for ${measure.target}`}
              {measure.latest !== null &&
                ` · latest ${measure.latest}${measure.latestOn ? ` (${formatDate(measure.latestOn)})` : ''}`}
            </dd>
          </>
        )}
        {coaching && (
          <>
            <dt>PEERS goal check</dt>
            <dd>
              {peers.length === 0
                ? 'Nothing ticked'
                : peers.map((p) => PEERS_CRITERIA.find((c) => c.id === p.criterion)?.label ?? p.criterion).join(', ')}
            </dd>
            <dt>Approach</dt>
            <dd>{coaching.approach ? APPROACH_LABELS[coaching.approach.value] : 'Not chosen'}</dd>
            {coaching.review && (
              <>
                <dt>Did last time’s step happen?</dt>
                <dd>{REVIEW_LABELS[coaching.review.outcome]}</dd>
              </>
            )}
            <dt>Check back on</dt>
            <dd>{coaching.step.dueOn ? formatDate(coaching.step.dueOn) : 'No date'}</dd>
            <dt>Agreement</dt>
            <dd>
              {coaching.step.agreements.length === 0
                ? 'No one had agreed yet'
                : coaching.step.agreements.map((a) => `${a.name} agreed ${formatDateTime(a.agreedAt)}`).join('; ')}
            </dd>
            {coaching.practice.length > 0 && (
              <>
                <dt>Rehearsals</dt>
                <dd>
                  <ul className={styles.practice}>
                    {coaching.practice.map((p) => (
                      <li key={p.id}>
                        {formatDate(p.practisedOn)}: {p.what}
                        {p.feedback && <> · Feedback: {p.feedback}</>}
                        {p.reflection && <> · Reflection: {p.reflection}</>}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </>
        )}
      </dl>
    </section>
  );
}
