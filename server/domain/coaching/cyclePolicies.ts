/**
 * Who may do what in a coaching cycle (the rules are `shared/cycleRules.ts`,
 * which the client offers its buttons by), and what each change writes. Both
 * partners write the shared notes and edit the measure, phase and tags; the
 * goal is the teacher's, so only the teacher says it is set, met or set aside
 * (the coach proposes in the notes). The coaching approach is the coach's own
 * record, so only the coach sets it; the reflection on a rehearsal is the
 * teacher's, so only the teacher writes it.
 */
import type { Role } from '../../../shared/api.js';
import type { CycleStatus, GoalStatus, UpdateCycleRequest } from '../../../shared/cycle.js';
import { decidesTheGoal, recordsTheApproach, writesTheReflection } from '../../../shared/cycleRules.js';
import { errors } from '../../errors.js';
import type { CyclesTable } from '../../storage/schema.js';

export function assertMayChangeGoalStatus(role: Role): void {
  if (!decidesTheGoal(role)) throw errors.forbidden('The goal is the teacher’s: only the teacher can mark it as set.');
}

/** Met, set aside and reopened alike: only the teacher decides what happens to their goal. */
export function assertMayChangeCycleStatus(role: Role): void {
  if (!decidesTheGoal(role)) {
    throw errors.forbidden('The goal is the teacher’s: only the teacher can mark the cycle as met or set it aside.');
  }
}

export function assertMaySetApproach(role: Role): void {
  if (!recordsTheApproach(role)) throw errors.forbidden('Only the coach records the coaching approach they used.');
}

export function assertMayWriteReflection(role: Role): void {
  if (!writesTheReflection(role)) throw errors.forbidden('Only the teacher writes their reflection on a rehearsal.');
}

/** The columns an edit of the measure, phase or tags writes; `validation_failed` when it names none. */
export function cycleEditChanges(patch: UpdateCycleRequest): Partial<CyclesTable> {
  const changes: Partial<CyclesTable> = {};
  if (patch.measureWhat !== undefined) changes.measure_what = patch.measureWhat || null;
  if (patch.baseline !== undefined) changes.measure_baseline = patch.baseline;
  if (patch.target !== undefined) changes.measure_target = patch.target;
  if (patch.latest !== undefined) changes.measure_latest = patch.latest;
  if (patch.latestOn !== undefined) changes.measure_latest_on = patch.latestOn;
  if (patch.phase !== undefined) changes.phase = patch.phase;
  if (patch.focusTag !== undefined) changes.focus_tag = patch.focusTag || null;
  if (patch.ecfArea !== undefined) changes.ecf_area = patch.ecfArea;
  if (Object.keys(changes).length === 0) throw errors.validation({ _: 'There is nothing to change' });
  return changes;
}

/** The goal set (stamped with who and when) or back to a draft (unstamped). */
export function goalStatusChanges(status: GoalStatus, userId: string, now: Date): Partial<CyclesTable> {
  const setNow = status === 'set';
  return {
    goal_status: status,
    goal_set_at: setNow ? now.toISOString() : null,
    goal_set_by: setNow ? userId : null,
  };
}

/** Met or set aside (stamped as closed by who and when), or active again (unstamped). */
export function cycleStatusChanges(status: CycleStatus, userId: string, now: Date): Partial<CyclesTable> {
  return status === 'active'
    ? { status, closed_at: null, closed_by: null }
    : { status, closed_at: now.toISOString(), closed_by: userId };
}
