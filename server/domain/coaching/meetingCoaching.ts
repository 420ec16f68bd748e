/**
 * A meeting's coaching facts: which cycle it belongs to, the step carried from
 * the previous meeting (snapshotted when the meeting is started) and whether
 * it happened, the approach the coach used, the PEERS check and the due date
 * of this meeting's step. Every change is told to both partners.
 */
import type { Approach, MeetingCoaching, PeersCriterion, ReviewOutcome } from '../../../shared/coaching.js';
import { PEERS_IDS } from '../../../shared/coaching.js';
import { errors } from '../../errors.js';
import type { MeetingCoachingRow, MeetingCoachingTable, MeetingRow, PartnershipRow } from '../../storage/schema.js';
import { meetingAccess, type MeetingAccess } from '../access.js';
import { assertMeetingOpen } from '../meetings/finishing.js';
import { peopleById, type CoachingDeps } from './coachingDeps.js';
import { assertMaySetApproach } from './cyclePolicies.js';
import { ensureActiveCycle } from './cycles.js';
import { listPractice } from './practiceView.js';
import { checkBackDateIsPast } from './stepRules.js';
import { currentStep, latestAgreements } from './stepStatus.js';

const meetingNotFound = () => errors.notFound('That meeting');

/** The meeting's access for `userId`, or `not_found`. */
export async function requireMeeting(deps: CoachingDeps, userId: string, meetingId: string): Promise<MeetingAccess> {
  const access = await meetingAccess(deps.db, userId, meetingId);
  if (!access) throw meetingNotFound();
  return access;
}

/**
 * The meeting's access for `userId` when its facts may change: `not_found` to
 * outsiders, 409 `meeting_finished` while it is finished. Every command that
 * changes a meeting's facts starts here.
 */
export async function requireOpenMeeting(
  deps: CoachingDeps,
  userId: string,
  meetingId: string,
): Promise<MeetingAccess> {
  const access = await requireMeeting(deps, userId, meetingId);
  assertMeetingOpen(access.meeting);
  return access;
}

/**
 * Puts a meeting in its partnership's active cycle (starting one when none is
 * active) and snapshots the previous meeting's action step into it. Safe to
 * call twice: the first row written wins.
 */
export async function attachMeeting(
  deps: CoachingDeps,
  meeting: MeetingRow,
  partnership: PartnershipRow,
  userId: string,
): Promise<void> {
  const cycle = await ensureActiveCycle(deps, meeting.partnership_id, userId);
  const previous = await deps.db
    .selectFrom('meetings as m')
    .leftJoin('meeting_coaching as mc', 'mc.meeting_id', 'm.id')
    .select(['m.id', 'mc.step_due_on'])
    .where('m.partnership_id', '=', meeting.partnership_id)
    .where('m.created_at', '<', meeting.created_at)
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const step = previous ? await currentStep(deps, previous.id, partnership, previous.step_due_on ?? null) : null;
  const carried = previous && step && step.text !== '' ? { id: previous.id, ...step } : null;
  await deps.db
    .insertInto('meeting_coaching')
    .values({
      meeting_id: meeting.id,
      cycle_id: cycle.id,
      carried_from: carried?.id ?? null,
      carried_text: carried?.text ?? null,
      carried_due_on: carried?.dueOn ?? null,
      carried_agreed: carried?.agreed ? 1 : 0,
    })
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .execute();
}

/** The meeting's coaching row, attaching the meeting first if it predates cycles. */
export async function ensureMeetingCoaching(deps: CoachingDeps, access: MeetingAccess): Promise<MeetingCoachingRow> {
  const load = () =>
    deps.db.selectFrom('meeting_coaching').selectAll().where('meeting_id', '=', access.meeting.id).executeTakeFirst();
  const existing = await load();
  if (existing) return existing;
  await attachMeeting(deps, access.meeting, access.partnership, access.meeting.created_by);
  const row = await load();
  if (!row) throw new Error(`meeting ${access.meeting.id} has no coaching row after attaching`);
  return row;
}

/** Everything both partners see about the meeting's coaching facts. */
export async function meetingCoachingView(deps: CoachingDeps, access: MeetingAccess): Promise<MeetingCoaching> {
  const row = await ensureMeetingCoaching(deps, access);
  const meetingId = access.meeting.id;
  const peersRows = await deps.db.selectFrom('peers_checks').selectAll().where('meeting_id', '=', meetingId).execute();
  const people = await peopleById(deps.db, [row.approach_by, row.review_by, ...peersRows.map((r) => r.updated_by)]);
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, name: 'Someone' }) : null);
  const from = row.carried_from
    ? await deps.db
        .selectFrom('meetings')
        .select(['title', 'created_at'])
        .where('id', '=', row.carried_from)
        .executeTakeFirst()
    : undefined;
  const approachBy = person(row.approach_by);
  const reviewBy = person(row.review_by);
  return {
    meetingId,
    cycleId: row.cycle_id,
    approach:
      row.approach && approachBy && row.approach_at
        ? { value: row.approach as Approach, by: approachBy, at: row.approach_at }
        : null,
    carried:
      row.carried_from && from && row.carried_text !== null
        ? {
            fromMeetingId: row.carried_from,
            fromMeetingTitle: from.title,
            fromMeetingAt: from.created_at,
            text: row.carried_text,
            dueOn: row.carried_due_on,
            agreed: Number(row.carried_agreed) === 1,
          }
        : null,
    review:
      row.review_outcome && reviewBy && row.review_at
        ? { outcome: row.review_outcome as ReviewOutcome, by: reviewBy, at: row.review_at }
        : null,
    step: { dueOn: row.step_due_on, agreements: await latestAgreements(deps.db, meetingId, access.partnership) },
    peers: PEERS_IDS.map((criterion) => {
      const r = peersRows.find((p) => p.criterion === criterion);
      return {
        criterion,
        checked: r ? Number(r.checked) === 1 : false,
        by: r ? person(r.updated_by) : null,
        at: r?.updated_at ?? null,
      };
    }),
    practice: await listPractice(deps.db, row.cycle_id),
  };
}

/** The view for `userId`, or `not_found`. */
export async function getMeetingCoaching(deps: CoachingDeps, userId: string, meetingId: string) {
  return meetingCoachingView(deps, await requireMeeting(deps, userId, meetingId));
}

/** Writes coaching facts of a meeting, tells both partners, and returns the new view. */
export async function changeCoaching(
  deps: CoachingDeps,
  access: MeetingAccess,
  changes: Partial<MeetingCoachingTable>,
): Promise<MeetingCoaching> {
  await ensureMeetingCoaching(deps, access);
  if (Object.keys(changes).length > 0) {
    await deps.db.updateTable('meeting_coaching').set(changes).where('meeting_id', '=', access.meeting.id).execute();
  }
  return announce(deps, access);
}

/** Tells both partners the meeting's coaching facts changed, and returns them. */
export async function announce(deps: CoachingDeps, access: MeetingAccess): Promise<MeetingCoaching> {
  deps.events.emit('coachingChanged', { meetingId: access.meeting.id, partnershipId: access.partnership.id });
  return meetingCoachingView(deps, access);
}

/** The coach only: the approach used in this meeting. */
export async function setApproach(deps: CoachingDeps, userId: string, meetingId: string, approach: Approach) {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  assertMaySetApproach(access.role);
  return changeCoaching(deps, access, {
    approach,
    approach_by: userId,
    approach_at: deps.now().toISOString(),
  });
}

/** Either partner: whether the step carried from last time happened. */
export async function setReview(deps: CoachingDeps, userId: string, meetingId: string, outcome: ReviewOutcome) {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  const row = await ensureMeetingCoaching(deps, access);
  if (row.carried_text === null) {
    throw errors.conflict('nothing_to_review', 'There is no step from last time to look back on in this meeting.');
  }
  return changeCoaching(deps, access, {
    review_outcome: outcome,
    review_by: userId,
    review_at: deps.now().toISOString(),
  });
}

/** Either partner: the "check back on" date of this meeting's step. Never in the past. */
export async function setDueDate(deps: CoachingDeps, userId: string, meetingId: string, dueOn: string | null) {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  if (checkBackDateIsPast(dueOn, deps.now())) {
    throw errors.validation({ dueOn: 'Choose today or a later date' }, 'The check-back date is in the past.');
  }
  return changeCoaching(deps, access, { step_due_on: dueOn });
}

/** Either partner: ticks or unticks one PEERS criterion for this meeting's goal. */
export async function setPeers(
  deps: CoachingDeps,
  userId: string,
  meetingId: string,
  criterion: PeersCriterion,
  checked: boolean,
) {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  const values = { checked: checked ? 1 : 0, updated_by: userId, updated_at: deps.now().toISOString() };
  await deps.db
    .insertInto('peers_checks')
    .values({ meeting_id: meetingId, criterion, ...values })
    .onConflict((oc) => oc.columns(['meeting_id', 'criterion']).doUpdateSet(values))
    .execute();
  return changeCoaching(deps, access, {});
}
