/**
 * A whole Impact Cycle on one page, to read back or to print / save as a PDF:
 * the goal and measure (with its values over the cycle, charted and in a table), then every meeting in order with its label, its six
 * sections as they were written (with their formatting) and its facts in words.
 */
import { Link, useParams } from 'react-router';
import { PHASE_LABELS, CYCLE_STATUS_LABELS, type Cycle } from '../../../shared/cycle.js';
import type { CycleRecordMeeting, CycleRecordResponse } from '../../../shared/cycleRecord.js';
import { fetchCycleRecord } from '../api/cycleRecord.js';
import { cycleMarkdownUrl } from '../api/finishing.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { meetingName } from '../finishing/meetingName.js';
import { formatDate, formatDateTime } from '../format.js';
import { MeasureChart } from '../coaching/MeasureChart.js';
import { Blocks } from './Blocks.js';
import { MeetingFacts } from './MeetingFacts.js';
import styles from './cycleRecord.module.css';

const num = (n: number | null) => (n === null ? '–' : String(n));

/** "Goal set · Learn" or "Goal met": where the cycle stands, in words. */
function standing(cycle: Cycle): string {
  if (cycle.status !== 'active') return CYCLE_STATUS_LABELS[cycle.status];
  return `${cycle.goal.status === 'set' ? 'Goal set' : 'Goal in draft'} · ${PHASE_LABELS[cycle.phase]}`;
}

function titleOf(record: CycleRecordResponse): string {
  const partner = record.myRole === 'coach' ? record.teacher : record.coach;
  return `Impact Cycle with ${partner.name} · ${standing(record.cycle)}`;
}

export function CycleRecordPage() {
  const { id = '' } = useParams();
  const loaded = useQuery({ queryKey: queryKeys.cycleRecord(id), queryFn: () => fetchCycleRecord(id) });
  useDocumentTitle(loaded.data ? titleOf(loaded.data) : 'Impact Cycle');

  if (loaded.isPending) {
    return (
      <Layout>
        <Loading label="Opening the cycle…" />
      </Layout>
    );
  }
  if (loaded.data === undefined) {
    return (
      <Layout>
        <ErrorMessage error={loaded.error} notFound="We cannot find this cycle, or it is not shared with you." />
        <p>
          <Link to="/">Back to your home page</Link>
        </p>
      </Layout>
    );
  }
  return <CycleRecord record={loaded.data} />;
}

function CycleRecord({ record }: { record: CycleRecordResponse }) {
  const { cycle, meetings } = record;
  return (
    <Layout>
      <article className={styles.record}>
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <Link to={`/partnerships/${encodeURIComponent(cycle.partnershipId)}`}>Back to the partnership</Link>
        </nav>
        <header className={styles.head}>
          <h1>{titleOf(record)}</h1>
          <p className={styles.people}>
            Coach: {record.coach.name} · Teacher: {record.teacher.name} · Started on {formatDate(cycle.startedAt)}
            {cycle.closedAt ? ` · Closed on ${formatDate(cycle.closedAt)}` : ''}
          </p>
          <dl className={styles.summary}>
            <dt>Goal</dt>
            <dd>{cycle.goal.text ?? 'Not written yet.'}</dd>
            <dt>Measure</dt>
            <dd>
              {cycle.measure.what
                ? `${cycle.measure.what}. Baseline ${num(cycle.measure.baseline)}, latest ${num(cycle.measure.latest)}${
                    cycle.measure.latestOn ? ` (${formatDate(cycle.measure.latestOn)})` : ''
                  }, target ${num(cycle.measure.target)}.`
                : 'Not chosen yet.'}
            </dd>
          </dl>
          {(cycle.measure.what || record.measure.values.length > 0) && (
            <section aria-labelledby="measure-over-time" data-testid="record-measure">
              <h2 id="measure-over-time">The measure over the cycle</h2>
              <MeasureChart
                baseline={cycle.measure.baseline}
                target={cycle.measure.target}
                values={record.measure.values}
                meetings={record.measure.meetings}
                tableOpen
              />
            </section>
          )}
          <div className={styles.actions}>
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              Print or save as PDF
            </button>
            <a className="button" href={cycleMarkdownUrl(cycle.id)} download>
              Download as Markdown
            </a>
          </div>
        </header>
        {meetings.length === 0 && <p>No meetings in this cycle yet.</p>}
        {meetings.map((meeting) => (
          <MeetingRecord key={meeting.id} meeting={meeting} />
        ))}
      </article>
    </Layout>
  );
}

function MeetingRecord({ meeting }: { meeting: CycleRecordMeeting }) {
  return (
    <section className={`cycle-meeting ${styles.meeting}`} aria-labelledby={`meeting-${meeting.id}`}>
      <h2 id={`meeting-${meeting.id}`}>
        <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>{meetingName(meeting)}</Link>
      </h2>
      <p className={styles.meetingState}>
        {meeting.finishedAt
          ? `Finished on ${formatDateTime(meeting.finishedAt)}${meeting.finishedBy ? ` by ${meeting.finishedBy.name}` : ''}.`
          : 'Not finished yet.'}
        {meeting.reopenedAt
          ? ` Reopened on ${formatDateTime(meeting.reopenedAt)}${meeting.reopenedBy ? ` by ${meeting.reopenedBy.name}` : ''}.`
          : ''}
      </p>
      {meeting.sections.map((section) => (
        <section key={section.id} className={styles.section}>
          <h3>{section.title}</h3>
          <Blocks blocks={section.blocks} />
        </section>
      ))}
      <MeetingFacts coaching={meeting.coaching} />
    </section>
  );
}
