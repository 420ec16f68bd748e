/**
 * Who may decide what in an Impact Cycle (shared/cycleRules.ts, the server's
 * refusals in server/domain/coaching/cyclePolicies.ts) and what each change
 * writes: the goal is the teacher's, "Goal met" only once the goal is set,
 * setting aside at any time, the measure, phase and tags open to both.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api.js';
import type { Cycle, CycleStatus, GoalStatus, UpdateCycleRequest } from '../../shared/cycle.js';
import { closingChoices, decidesTheGoal, recordsTheApproach, writesTheReflection } from '../../shared/cycleRules.js';
import { AppError } from '../../server/errors.js';
import {
  assertMayChangeCycleStatus,
  assertMayChangeGoalStatus,
  assertMaySetApproach,
  assertMayWriteReflection,
  cycleEditChanges,
  cycleStatusChanges,
  goalStatusChanges,
} from '../../server/domain/coaching/cyclePolicies.js';

const NOW = new Date('2026-12-02T09:15:00.000Z');

function refusal(run: () => void): { id: string; status: number; message: string } | null {
  try {
    run();
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { id: err.id, status: err.status, message: err.message };
  }
}

describe('who decides', () => {
  it.each<[string, (role: Role) => boolean, Role[]]>([
    ['the goal (set, draft, met, set aside, reopened)', decidesTheGoal, ['teacher']],
    ['the coaching approach', recordsTheApproach, ['coach']],
    ['the reflection on a rehearsal', writesTheReflection, ['teacher']],
  ])('%s: only the %s', (_, rule, allowed) => {
    for (const role of ['coach', 'teacher'] as const) expect(rule(role)).toBe(allowed.includes(role));
  });

  it.each<[string, (role: Role) => void, Role, string]>([
    [
      'goal status',
      assertMayChangeGoalStatus,
      'coach',
      'The goal is the teacher’s: only the teacher can mark it as set.',
    ],
    [
      'cycle status',
      assertMayChangeCycleStatus,
      'coach',
      'The goal is the teacher’s: only the teacher can mark the cycle as met or set it aside.',
    ],
    ['approach', assertMaySetApproach, 'teacher', 'Only the coach records the coaching approach they used.'],
    ['reflection', assertMayWriteReflection, 'coach', 'Only the teacher writes their reflection on a rehearsal.'],
  ])('the server refuses the %s to the %s with 403 and says why', (_, assert, wrongRole, message) => {
    expect(refusal(() => assert(wrongRole))).toEqual({ id: 'forbidden', status: 403, message });
    const rightRole: Role = wrongRole === 'coach' ? 'teacher' : 'coach';
    expect(refusal(() => assert(rightRole))).toBeNull();
  });
});

describe('closing a cycle', () => {
  const cycle = (status: CycleStatus, goal: GoalStatus): Pick<Cycle, 'status' | 'goal'> => ({
    status,
    goal: { status: goal, setAt: null, setBy: null, text: 'Students ask fewer “what do I do?” questions' },
  });

  it.each<[CycleStatus, GoalStatus, Role, CycleStatus[]]>([
    // The teacher, an active cycle: "Goal met" only once the goal is set; set aside always.
    ['active', 'set', 'teacher', ['met', 'set_aside']],
    ['active', 'draft', 'teacher', ['set_aside']],
    // The coach proposes in the notes but never closes the teacher's cycle.
    ['active', 'set', 'coach', []],
    ['active', 'draft', 'coach', []],
    // A cycle already met or set aside offers no closing again.
    ['met', 'set', 'teacher', []],
    ['set_aside', 'draft', 'teacher', []],
    ['set_aside', 'set', 'coach', []],
  ])('a %s cycle with the goal %s, read by the %s, offers %j', (status, goal, role, expected) => {
    expect(closingChoices(cycle(status, goal), role)).toEqual(expected);
  });
});

describe('what a change writes', () => {
  it('marks the goal set with who and when, and a draft again without them', () => {
    expect(goalStatusChanges('set', 'teacher-1', NOW)).toEqual({
      goal_status: 'set',
      goal_set_at: '2026-12-02T09:15:00.000Z',
      goal_set_by: 'teacher-1',
    });
    expect(goalStatusChanges('draft', 'teacher-1', NOW)).toEqual({
      goal_status: 'draft',
      goal_set_at: null,
      goal_set_by: null,
    });
  });

  it.each<[CycleStatus, { closed_at: string | null; closed_by: string | null }]>([
    ['met', { closed_at: '2026-12-02T09:15:00.000Z', closed_by: 'teacher-1' }],
    ['set_aside', { closed_at: '2026-12-02T09:15:00.000Z', closed_by: 'teacher-1' }],
    ['active', { closed_at: null, closed_by: null }],
  ])('a cycle made %s is stamped %j', (status, stamp) => {
    expect(cycleStatusChanges(status, 'teacher-1', NOW)).toEqual({ status, ...stamp });
  });

  it.each<[string, UpdateCycleRequest, Record<string, unknown>]>([
    ['a phase, in any order of phases', { phase: 'improve' }, { phase: 'improve' }],
    ['back to an earlier phase', { phase: 'identify' }, { phase: 'identify' }],
    [
      'the whole measure',
      { measureWhat: 'Hands up before asking', baseline: 4, target: 12, latest: 7, latestOn: '2026-11-30' },
      {
        measure_what: 'Hands up before asking',
        measure_baseline: 4,
        measure_target: 12,
        measure_latest: 7,
        measure_latest_on: '2026-11-30',
      },
    ],
    [
      'a zero counted as a number, not as nothing',
      { baseline: 0, latest: 0 },
      { measure_baseline: 0, measure_latest: 0 },
    ],
    ['numbers cleared', { target: null, latest: null }, { measure_target: null, measure_latest: null }],
    ['an empty description as none', { measureWhat: '' }, { measure_what: null }],
    ['an empty focus tag as none', { focusTag: '' }, { focus_tag: null }],
    ['the tags', { focusTag: 'Oracy', ecfArea: 'pedagogy' }, { focus_tag: 'Oracy', ecf_area: 'pedagogy' }],
    ['the ECF area cleared', { ecfArea: null }, { ecf_area: null }],
  ])('an edit of %s writes just that', (_, patch, changes) => {
    expect(cycleEditChanges(patch)).toEqual(changes);
  });

  it('refuses an edit that changes nothing (400, nothing written)', () => {
    expect(refusal(() => cycleEditChanges({}))).toEqual({
      id: 'validation_failed',
      status: 400,
      message: 'Some of the details need another look.',
    });
  });
});
