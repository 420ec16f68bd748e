/**
 * Impact Cycles of a partnership: the active one (made when a meeting starts
 * and none is active), its measure, phase and tags (either partner), and the
 * goal and cycle status (the teacher only; see `cyclePolicies.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/api.js';
import type { Cycle, CycleStatus, EcfArea, GoalStatus, UpdateCycleRequest } from '../../../shared/cycle.js';
import { errors } from '../../errors.js';
import type { CycleRow, CyclesTable, PartnershipRow } from '../../storage/schema.js';
import { partnershipAccess } from '../access.js';
import { peopleById, type CoachingDeps } from './coachingDeps.js';
import {
  assertMayChangeCycleStatus,
  assertMayChangeGoalStatus,
  cycleEditChanges,
  cycleStatusChanges,
  goalStatusChanges,
} from './cyclePolicies.js';
import { latestWrittenLine, LOOKBACK_MEETINGS } from '../meetings/meetingText.js';
import { recordFromCyclePatch } from './measureValues.js';

const cycleNotFound = () => errors.notFound('That cycle');

/** The partnership's active cycle, started now by `userId` when there is none. */
export async function ensureActiveCycle(deps: CoachingDeps, partnershipId: string, userId: string): Promise<CycleRow> {
  const active = () =>
    deps.db
      .selectFrom('cycles')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  const existing = await active();
  if (existing) return existing;
  const row: CycleRow = {
    id: randomUUID(),
    partnership_id: partnershipId,
    status: 'active',
    phase: 'identify',
    goal_status: 'draft',
    goal_set_at: null,
    goal_set_by: null,
    measure_what: null,
    measure_baseline: null,
    measure_target: null,
    measure_latest: null,
    measure_latest_on: null,
    focus_tag: null,
    ecf_area: null,
    started_at: deps.now().toISOString(),
    started_by: userId,
    closed_at: null,
    closed_by: null,
  };
  try {
    await deps.db.insertInto('cycles').values(row).execute();
    return row;
  } catch (err) {
    // Someone else started one at the same moment (one active cycle per partnership is a unique index).
    const raced = await active();
    if (raced) return raced;
    throw err;
  }
}

/** A cycle as both partners see it. */
export async function cycleView(deps: CoachingDeps, row: CycleRow): Promise<Cycle> {
  const people = await peopleById(deps.db, [row.goal_set_by, row.closed_by]);
  const recent = await deps.db
    .selectFrom('meeting_coaching as mc')
    .innerJoin('meetings as m', 'm.id', 'mc.meeting_id')
    .select('m.id')
    .where('mc.cycle_id', '=', row.id)
    .orderBy('m.created_at', 'desc')
    .limit(LOOKBACK_MEETINGS)
    .execute();
  const goalText = await latestWrittenLine(
    deps.readSection,
    recent.map((m) => m.id),
    'goal',
  );
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    status: row.status,
    phase: row.phase,
    goal: {
      status: row.goal_status,
      setAt: row.goal_set_at,
      setBy: row.goal_set_by ? (people.get(row.goal_set_by) ?? null) : null,
      text: goalText,
    },
    measure: {
      what: row.measure_what,
      baseline: row.measure_baseline === null ? null : Number(row.measure_baseline),
      target: row.measure_target === null ? null : Number(row.measure_target),
      latest: row.measure_latest === null ? null : Number(row.measure_latest),
      latestOn: row.measure_latest_on,
    },
    focusTag: row.focus_tag,
    ecfArea: row.ecf_area as EcfArea | null,
    startedAt: row.started_at,
    closedAt: row.closed_at,
    closedBy: row.closed_by ? (people.get(row.closed_by) ?? null) : null,
  };
}

export interface CycleAccess {
  cycle: CycleRow;
  partnership: PartnershipRow;
  role: Role;
}

/** The cycle and the user's role, or `not_found` when they are not a partner of it. */
export async function cycleAccess(deps: CoachingDeps, userId: string, cycleId: string): Promise<CycleAccess> {
  const cycle = await deps.db.selectFrom('cycles').selectAll().where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw cycleNotFound();
  const access = await partnershipAccess(deps.db, userId, cycle.partnership_id);
  if (!access) throw cycleNotFound();
  return { cycle, ...access };
}

async function save(deps: CoachingDeps, access: CycleAccess, changes: Partial<CyclesTable>): Promise<Cycle> {
  if (Object.keys(changes).length > 0) {
    await deps.db.updateTable('cycles').set(changes).where('id', '=', access.cycle.id).execute();
  }
  deps.events.emit('cycleChanged', { cycleId: access.cycle.id, partnershipId: access.partnership.id });
  return cycleView(deps, { ...access.cycle, ...changes } as CycleRow);
}

/** The partnership's cycles, newest first. */
export async function listCycles(deps: CoachingDeps, userId: string, partnershipId: string): Promise<Cycle[]> {
  const access = await partnershipAccess(deps.db, userId, partnershipId);
  if (!access) throw errors.notFound('That partnership');
  const rows = await deps.db
    .selectFrom('cycles')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
  return Promise.all(rows.map((row) => cycleView(deps, row)));
}

export async function getCycle(deps: CoachingDeps, userId: string, cycleId: string): Promise<Cycle> {
  const access = await cycleAccess(deps, userId, cycleId);
  return cycleView(deps, access.cycle);
}

/** Either partner: the measure, the phase and the tags. */
export async function updateCycle(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  patch: UpdateCycleRequest,
): Promise<Cycle> {
  const access = await cycleAccess(deps, userId, cycleId);
  // The latest value is the latest recorded one (`measureValues.ts`): a `latest` sent here is recorded as a value.
  const { measure_latest: _latest, measure_latest_on: _latestOn, ...changes } = cycleEditChanges(patch);
  if (await recordFromCyclePatch(deps, userId, access, patch)) {
    const cycle = await deps.db.selectFrom('cycles').selectAll().where('id', '=', cycleId).executeTakeFirstOrThrow();
    return save(deps, { ...access, cycle }, changes);
  }
  return save(deps, access, changes);
}

/** The teacher only: the goal is set (stamped with who and when), or back to a draft. */
export async function setGoalStatus(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  status: GoalStatus,
): Promise<Cycle> {
  const access = await cycleAccess(deps, userId, cycleId);
  assertMayChangeGoalStatus(access.role);
  if (access.cycle.goal_status === status) return cycleView(deps, access.cycle);
  return save(deps, access, goalStatusChanges(status, userId, deps.now()));
}

/** The teacher only: met, set aside, or active again (when no other cycle is). */
export async function setCycleStatus(
  deps: CoachingDeps,
  userId: string,
  cycleId: string,
  status: CycleStatus,
): Promise<Cycle> {
  const access = await cycleAccess(deps, userId, cycleId);
  assertMayChangeCycleStatus(access.role);
  if (access.cycle.status === status) return cycleView(deps, access.cycle);
  // The same rule the cycle panel offers its choices by: a draft goal has nothing to meet yet.
  if (status === 'met' && access.cycle.status === 'active' && access.cycle.goal_status !== 'set') {
    throw errors.conflict('goal_not_set', 'The goal is still a draft. Mark it as set before marking it met.');
  }
  if (status === 'active') {
    const other = await deps.db
      .selectFrom('cycles')
      .select('id')
      .where('partnership_id', '=', access.partnership.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (other) {
      throw errors.conflict('another_cycle_active', 'Another cycle is active. Mark it as met or set it aside first.');
    }
  }
  return save(deps, access, cycleStatusChanges(status, userId, deps.now()));
}
