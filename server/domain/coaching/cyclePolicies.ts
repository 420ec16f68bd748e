/**
 * Who may do what in a coaching cycle. Both partners write the shared notes
 * and edit the measure, phase and tags; the goal is the teacher's, so only the
 * teacher says it is set, met or set aside (the coach proposes in the notes).
 * The coaching approach is the coach's own record, so only the coach sets it;
 * the reflection on a rehearsal is the teacher's, so only the teacher writes it.
 */
import type { Role } from '../../../shared/api.js';
import { errors } from '../../errors.js';

export function assertMayChangeGoalStatus(role: Role): void {
  if (role !== 'teacher') throw errors.forbidden('The goal is the teacher’s: only the teacher can mark it as set.');
}

/** Met, set aside and reopened alike: only the teacher decides what happens to their goal. */
export function assertMayChangeCycleStatus(role: Role): void {
  if (role !== 'teacher') {
    throw errors.forbidden('The goal is the teacher’s: only the teacher can mark the cycle as met or set it aside.');
  }
}

export function assertMaySetApproach(role: Role): void {
  if (role !== 'coach') throw errors.forbidden('Only the coach records the coaching approach they used.');
}

export function assertMayWriteReflection(role: Role): void {
  if (role !== 'teacher') throw errors.forbidden('Only the teacher writes their reflection on a rehearsal.');
}
