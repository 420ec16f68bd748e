/** One partnership: its cycles, a timeline of meetings with each one's step, and a way to start the next one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CYCLE_STATUS_LABELS, PHASE_LABELS, type Cycle } from '../../../shared/cycle.js';
import type { TimelineEntry } from '../../../shared/home.js';
import { ServerEvent } from '../../../shared/events.js';
import { SECTIONS } from '../../../shared/sections.js';
import { fetchTimeline } from '../api/coachingEndpoints.js';
import { createMeeting, fetchPartnership } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { useUser } from '../auth/session.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDate, partnerOf, relationshipLine } from '../format.js';
import { useServerEvent } from '../realtime/useServerEvent.js';
import { CycleMeasureChart } from '../coaching/MeasureOverTime.js';
import { CycleDownload } from '../finishing/ExportButtons.js';
import { MeetingBadges } from '../finishing/MeetingBadges.js';
import { meetingName } from '../finishing/meetingName.js';
import { PartnershipSchool } from '../schools/PartnershipSchool.js';
import { NextMeetingPanel } from '../schedule/NextMeetingPanel.js';

export function PartnershipPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partnership = useQuery({ queryKey: queryKeys.partnership(id), queryFn: () => fetchPartnership(id) });
  // Kept fresh by the lifecycle events in ../realtime/queryBridge.ts.
  const meetings = useQuery({ queryKey: queryKeys.timeline(id), queryFn: () => fetchTimeline(id) });
  const [justStarted, setJustStarted] = useState<{ meetingId: string; by: string } | null>(null);

  useServerEvent(ServerEvent.MeetingStarted, (event) => {
    if (event.partnershipId === id && event.startedBy.id !== user.id) {
      setJustStarted({ meetingId: event.meetingId, by: event.startedBy.name });
    }
  });

  const start = useMutation({
    mutationFn: () => createMeeting(id),
    onSuccess: (meeting) => {
      queryClient.setQueryData(queryKeys.meeting(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.home() });
      navigate(`/meetings/${encodeURIComponent(meeting.id)}`);
    },
  });
  // Still "Starting…" while the page moves on to the meeting.
  const starting = start.isPending || start.isSuccess;
  const startError = start.isError
    ? errorMessage(start.error, 'We could not start the meeting. Please try again.')
    : null;

  const partner = partnership.data ? partnerOf(partnership.data) : null;
  useDocumentTitle(partner ? `Coaching with ${partner.name}` : 'Partnership');

  if (partnership.isPending) {
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  }
  if (partnership.isError && partnership.data === undefined) {
    return (
      <Layout>
        <ErrorMessage
          error={partnership.error}
          notFound="We cannot find this partnership, or it is not one of yours."
        />
        <p>
          <Link to="/">Back to your home page</Link>
        </p>
      </Layout>
    );
  }

  return (
    <Layout>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link>
      </nav>
      <div className="page-head">
        <div>
          <h1>Coaching with {partner?.name}</h1>
          <p className="muted">
            {relationshipLine(partnership.data)} · together since {formatDate(partnership.data.createdAt)}
          </p>
        </div>
        {partnership.data.closedAt === null && (
          <button type="button" className="button button--primary" onClick={() => start.mutate()} disabled={starting}>
            {starting ? 'Starting…' : 'Start a meeting'}
          </button>
        )}
      </div>
      {partnership.data.closedAt !== null && (
        <div className="notice notice--info" role="status" data-testid="partnership-closed">
          <p>
            Your partner closed their Tandem account on {formatDate(partnership.data.closedAt)}. The notes you wrote
            together stay here for you to read and edit; new meetings cannot be started in this partnership.
          </p>
        </div>
      )}
      {startError && (
        <p className="form-error" role="alert">
          {startError}
        </p>
      )}
      {justStarted && (
        <div className="notice notice--info" role="status">
          <p>
            {justStarted.by} has started a meeting.{' '}
            <Link to={`/meetings/${encodeURIComponent(justStarted.meetingId)}`}>Join them</Link>
          </p>
        </div>
      )}

      {partner && <NextMeetingPanel partnershipId={id} partner={partner} closed={partnership.data.closedAt !== null} />}

      {meetings.data && meetings.data.cycles.length > 0 && (
        <section aria-labelledby="cycles-title">
          <h2 id="cycles-title">Impact Cycles</h2>
          <ul className="cycle-list" data-testid="cycles">
            {meetings.data.cycles.map((cycle) => (
              <CycleRow key={cycle.id} cycle={cycle} />
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">Meetings</h2>
        {meetings.isPending && <Loading label="Loading meetings…" />}
        {meetings.data === undefined && meetings.isError && (
          <ErrorMessage error={meetings.error} retry={() => void meetings.refetch()} />
        )}
        {meetings.data !== undefined &&
          (meetings.data.meetings.length === 0 ? (
            <div className="empty">
              <p>No meetings yet.</p>
              <p className="muted">
                When you sit down together, start a meeting and you will both be able to write in it at once.
              </p>
            </div>
          ) : (
            <ol className="meetings" data-testid="meetings">
              {meetings.data.meetings.map((entry) => (
                <MeetingRow key={entry.meeting.id} entry={entry} />
              ))}
            </ol>
          ))}
      </section>

      <PartnershipSchool partnership={partnership.data} />
    </Layout>
  );
}

const ACTION_STEP_TITLE = SECTIONS.find((s) => s.id === 'actionStep')?.title ?? '';

function CycleRow({ cycle }: { cycle: Cycle }) {
  return (
    <li className="summary-card">
      <p>
        <span className="badge">{CYCLE_STATUS_LABELS[cycle.status]}</span> {PHASE_LABELS[cycle.phase]} · started{' '}
        {formatDate(cycle.startedAt)}
        {cycle.closedAt ? ` · closed ${formatDate(cycle.closedAt)}` : ''}
      </p>
      <p>
        <span className="summary-label">Goal:</span> {cycle.goal.text ?? <span className="muted">not written yet</span>}
        {cycle.goal.status === 'set' && <span className="muted"> (set)</span>}
      </p>
      {cycle.measure.what && (
        <p>
          <span className="summary-label">Measure:</span> {cycle.measure.what}: {cycle.measure.baseline ?? '–'} →{' '}
          {cycle.measure.latest ?? '–'} (target {cycle.measure.target ?? '–'})
        </p>
      )}
      {(cycle.measure.what || cycle.measure.latest !== null) && <CycleMeasureChart cycle={cycle} />}
      <CycleDownload cycleId={cycle.id} />{' '}
      <Link className="button" to={`/cycles/${encodeURIComponent(cycle.id)}`}>
        Read or print this cycle
      </Link>
    </li>
  );
}

function MeetingRow({ entry }: { entry: TimelineEntry }) {
  const { meeting, step } = entry;
  return (
    <li>
      <Link to={`/meetings/${encodeURIComponent(meeting.id)}`} className="meeting-card">
        <span className="meeting-card-top">
          <span className="meeting-title">{meetingName(meeting)}</span>
          <span className="meeting-date">{formatDate(meeting.createdAt)}</span>
        </span>
        <span className="meeting-step">
          <span className="meeting-step-label">{ACTION_STEP_TITLE}: </span>
          {step.text ? step.text.split('\n')[0] : <span className="muted">not written yet</span>}{' '}
          {step.text && !step.agreed && <span className="badge badge--warn">Not agreed</span>}
        </span>
        <MeetingBadges meeting={meeting} agreed={step.text !== null && step.text !== '' && step.agreed} />
      </Link>
    </li>
  );
}
