/**
 * One partnership on the home page. For a coach: the teacher, their goal, the
 * current step and whether it is agreed, the last meeting, and warnings. For a
 * teacher: my goal, my step and its date, my last meeting first.
 */
import { Link } from 'react-router';
import type { HomeWarning, PartnershipSummary } from '../../../shared/home.js';
import { QUIET_AFTER_DAYS } from '../../../shared/home.js';
import { PHASE_LABELS } from '../../../shared/cycle.js';
import { formatDate, partnerOf } from '../format.js';
import { MeetingBadges } from '../finishing/MeetingBadges.js';
import { meetingName } from '../finishing/meetingName.js';
import { formatMeetingTime } from '../../../shared/schedule.js';

const WARNINGS: Record<HomeWarning, string> = {
  quiet: `More than ${QUIET_AFTER_DAYS} days since you last met.`,
  step_not_reviewed: 'The last action step was never looked back on.',
};

const path = (kind: 'partnerships' | 'meetings', id: string) => `/${kind}/${encodeURIComponent(id)}`;

function StepLine({ summary, mine }: { summary: PartnershipSummary; mine: boolean }) {
  const step = summary.currentStep;
  return (
    <p>
      <span className="summary-label">{mine ? 'My next step:' : 'Action step:'}</span>{' '}
      {step?.text ? (
        <>
          {step.text.split('\n')[0]}{' '}
          {step.dueOn && <span className="muted">(check back on {formatDate(step.dueOn)}) </span>}
          {step.agreed ? (
            <span className="badge badge--good">
              <span aria-hidden="true">✓ </span>Agreed
            </span>
          ) : (
            <span className="badge badge--warn">Not agreed yet</span>
          )}
        </>
      ) : (
        <span className="muted">not written yet</span>
      )}
    </p>
  );
}

export function SummaryCard({ summary }: { summary: PartnershipSummary }) {
  const { partnership, activeCycle, lastMeeting, goalText, warnings } = summary;
  const partner = partnerOf(partnership);
  const mine = partnership.myRole === 'teacher';
  return (
    <li className="summary-card" data-testid="partnership-summary">
      <h3>
        <Link to={path('partnerships', partnership.id)}>{mine ? `Coached by ${partner.name}` : partner.name}</Link>
      </h3>
      {mine && lastMeeting && (
        <p>
          <span className="summary-label">Last meeting:</span>{' '}
          <Link to={path('meetings', lastMeeting.id)}>{meetingName(lastMeeting)}</Link>{' '}
          <MeetingBadges meeting={lastMeeting} />
        </p>
      )}
      <p>
        <span className="summary-label">{mine ? 'My goal:' : 'Goal:'}</span>{' '}
        {goalText ?? <span className="muted">not written yet</span>}
        {activeCycle && (
          <span className="muted">
            {' '}
            · {PHASE_LABELS[activeCycle.phase]}
            {activeCycle.goal.status === 'set' ? ', goal set' : ', goal in draft'}
          </span>
        )}
      </p>
      <StepLine summary={summary} mine={mine} />
      <p data-testid="home-next-meeting">
        <span className="summary-label">Next meeting:</span>{' '}
        {summary.nextMeeting ? (
          formatMeetingTime(summary.nextMeeting.startsAt)
        ) : (
          <span className="muted">not scheduled</span>
        )}
      </p>
      {!mine && (
        <p>
          <span className="summary-label">Last met:</span>{' '}
          {lastMeeting ? (
            <>
              <Link to={path('meetings', lastMeeting.id)}>{meetingName(lastMeeting)}</Link>{' '}
              <MeetingBadges meeting={lastMeeting} />
            </>
          ) : (
            <span className="muted">not yet</span>
          )}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} className="warning" role="note">
          {WARNINGS[w]}
        </p>
      ))}
    </li>
  );
}
