/**
 * Answers for the home and partnership pages: per partnership, the active
 * cycle and goal, the current action step and whether it is agreed, the last
 * meeting, and warnings when coaching has gone quiet or a step was never
 * looked back on; per partnership, a timeline of meetings with their steps.
 */
import type { Cycle } from '../../../shared/cycle.js';
import type { HomeWarning, StepSummary } from '../../../shared/home.js';
import type { PartnershipRow } from '../../storage/schema.js';
import type { CoachingDeps } from '../coaching/coachingDeps.js';
import { cycleView, listCycles } from '../coaching/cycles.js';
import { attachMeeting } from '../coaching/meetingCoaching.js';
import { latestWrittenLine, LOOKBACK_MEETINGS } from '../meetings/meetingText.js';
import type { MeetingRecord, Meetings } from '../meetings/meetings.js';
import { homeWarnings, type StepCarrier } from './homeWarnings.js';
import type { PartnershipRecord, Partnerships } from './partnerships.js';
import { currentStep } from '../coaching/stepStatus.js';

export interface PartnershipSummaryRecord {
  partnership: PartnershipRecord;
  activeCycle: Cycle | null;
  goalText: string | null;
  currentStep: StepSummary | null;
  lastMeeting: MeetingRecord | null;
  warnings: HomeWarning[];
}

export interface TimelineRecord {
  cycles: Cycle[];
  meetings: { meeting: MeetingRecord; cycleId: string; step: StepSummary }[];
}

interface Domain {
  partnerships: Partnerships;
  meetings: Meetings;
}

async function stepSummary(deps: CoachingDeps, meetingId: string, partnership: PartnershipRow): Promise<StepSummary> {
  const row = await deps.db
    .selectFrom('meeting_coaching')
    .select('step_due_on')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const step = await currentStep(deps, meetingId, partnership, row?.step_due_on ?? null);
  return { meetingId, text: step.text === '' ? null : step.text, dueOn: step.dueOn, agreed: step.agreed };
}

/** The step of the latest meeting that has one written: until a new meeting writes its own, the last one stands. */
async function latestWrittenStep(
  deps: CoachingDeps,
  meetings: MeetingRecord[],
  partnership: PartnershipRow,
): Promise<StepSummary | null> {
  let first: StepSummary | null = null;
  for (const meeting of meetings.slice(0, LOOKBACK_MEETINGS)) {
    const step = await stepSummary(deps, meeting.row.id, partnership);
    first ??= step;
    if (step.text !== null) return step;
  }
  return first;
}

/** The latest meeting of the partnership that carried a step in from the one before, if any. */
async function lastStepCarrier(deps: CoachingDeps, partnershipId: string): Promise<StepCarrier | null> {
  const rows = await deps.db
    .selectFrom('meeting_coaching as mc')
    .innerJoin('meetings as m', 'm.id', 'mc.meeting_id')
    .select(['m.id', 'm.ended_at', 'mc.review_outcome'])
    .where('m.partnership_id', '=', partnershipId)
    .where('mc.carried_text', 'is not', null)
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .execute();
  const carrier = rows[0];
  return carrier
    ? { meetingId: carrier.id, endedAt: carrier.ended_at, reviewed: carrier.review_outcome !== null }
    : null;
}

async function summarise(deps: CoachingDeps, domain: Domain, userId: string, partnership: PartnershipRecord) {
  const meetings = await domain.meetings.list(userId, partnership.row.id);
  const last = meetings[0] ?? null;
  const activeRow = await deps.db
    .selectFrom('cycles')
    .selectAll()
    .where('partnership_id', '=', partnership.row.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const warnings = homeWarnings({
    now: deps.now(),
    partnershipCreatedAt: partnership.row.created_at,
    latestMeeting: last ? { id: last.row.id, createdAt: last.row.created_at } : null,
    carrier: last ? await lastStepCarrier(deps, last.row.partnership_id) : null,
  });
  const summary: PartnershipSummaryRecord = {
    partnership,
    activeCycle: activeRow ? await cycleView(deps, activeRow) : null,
    goalText: await latestWrittenLine(
      deps.readSection,
      meetings.map((m) => m.row.id),
      'goal',
    ),
    currentStep: await latestWrittenStep(deps, meetings, partnership.row),
    lastMeeting: last,
    warnings,
  };
  return summary;
}

/** Meetings started before cycles existed join one now, oldest first so each carries the one before. */
async function attachOlderMeetings(deps: CoachingDeps, meetings: MeetingRecord[], partnership: PartnershipRow) {
  const attached = new Set(
    (
      await deps.db
        .selectFrom('meeting_coaching as mc')
        .innerJoin('meetings as m', 'm.id', 'mc.meeting_id')
        .select('mc.meeting_id')
        .where('m.partnership_id', '=', partnership.id)
        .execute()
    ).map((r) => r.meeting_id),
  );
  for (const meeting of [...meetings].reverse()) {
    if (!attached.has(meeting.row.id)) await attachMeeting(deps, meeting.row, partnership, meeting.row.created_by);
  }
}

/** Every partnership of the user, as their home page shows it. */
export async function homeSummaries(
  deps: CoachingDeps,
  domain: Domain,
  userId: string,
): Promise<PartnershipSummaryRecord[]> {
  const partnerships = await domain.partnerships.list(userId);
  return Promise.all(partnerships.map((p) => summarise(deps, domain, userId, p)));
}

/** The partnership's cycles and its meetings (newest first), each with its step. */
export async function timeline(
  deps: CoachingDeps,
  domain: Domain,
  userId: string,
  partnershipId: string,
): Promise<TimelineRecord> {
  const partnership = await domain.partnerships.get(userId, partnershipId);
  const meetings = await domain.meetings.list(userId, partnershipId);
  await attachOlderMeetings(deps, meetings, partnership.row);
  const cycleOf = new Map(
    (
      await deps.db
        .selectFrom('meeting_coaching as mc')
        .innerJoin('meetings as m', 'm.id', 'mc.meeting_id')
        .select(['mc.meeting_id', 'mc.cycle_id'])
        .where('m.partnership_id', '=', partnershipId)
        .execute()
    ).map((r) => [r.meeting_id, r.cycle_id]),
  );
  const entries = await Promise.all(
    meetings
      .filter((m) => cycleOf.has(m.row.id))
      .map(async (meeting) => ({
        meeting,
        cycleId: cycleOf.get(meeting.row.id) ?? '',
        step: await stepSummary(deps, meeting.row.id, partnership.row),
      })),
  );
  return { cycles: await listCycles(deps, userId, partnershipId), meetings: entries };
}
