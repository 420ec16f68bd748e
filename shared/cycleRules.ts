/**
 * Who may decide what in an Impact Cycle, spoken by both sides: the server
 * refuses what these say no to, the client offers only what they allow. Both
 * partners write the notes and edit the measure, phase and tags in any phase;
 * the goal is the teacher's; the approach is the coach's own record.
 */
import type { Role } from './api.js';
import type { Cycle, CycleStatus } from './cycle.js';

/** Set, back to a draft, met, set aside or reopened: only the teacher decides what happens to their goal. */
export function decidesTheGoal(role: Role): boolean {
  return role === 'teacher';
}

/** Only the coach records the coaching approach they used. */
export function recordsTheApproach(role: Role): boolean {
  return role === 'coach';
}

/** Only the teacher writes their reflection on a rehearsal. */
export function writesTheReflection(role: Role): boolean {
  return role === 'teacher';
}

/**
 * How the reader may close the cycle now: nothing unless they are the teacher
 * and it is active; "met" only once the goal is set (a draft has nothing to
 * meet yet); setting it aside at any time.
 */
export function closingChoices(cycle: Pick<Cycle, 'status' | 'goal'>, role: Role): CycleStatus[] {
  if (!decidesTheGoal(role) || cycle.status !== 'active') return [];
  return cycle.goal.status === 'set' ? ['met', 'set_aside'] : ['set_aside'];
}
