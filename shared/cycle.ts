/**
 * Impact Cycles: the vocabulary (phases, statuses, Early Career Framework
 * areas) and the HTTP payloads for a partnership's cycles. The goal's words
 * live in the meeting document's Goal section; the cycle keeps the facts
 * about it (set or still a draft, by whom), the measure and the tags.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';
import { isCalendarDate } from './actionStep.js';

export const CYCLE_PHASES = ['identify', 'learn', 'improve'] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];
export const PHASE_LABELS: Record<CyclePhase, string> = { identify: 'Identify', learn: 'Learn', improve: 'Improve' };

export const CYCLE_STATUSES = ['active', 'met', 'set_aside'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];
export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  active: 'Active',
  met: 'Goal met',
  set_aside: 'Set aside',
};

export const GOAL_STATUSES = ['draft', 'set'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Areas of England's Early Career Framework a goal can be linked to. */
export const ECF_AREAS = [
  'behaviour',
  'pedagogy',
  'curriculum',
  'assessment',
  'adaptive_teaching',
  'professional_behaviours',
] as const;
export type EcfArea = (typeof ECF_AREAS)[number];
export const ECF_AREA_LABELS: Record<EcfArea, string> = {
  behaviour: 'Behaviour',
  pedagogy: 'Pedagogy',
  curriculum: 'Curriculum',
  assessment: 'Assessment',
  adaptive_teaching: 'Adaptive teaching',
  professional_behaviours: 'Professional behaviours',
};

/** A calendar date, `YYYY-MM-DD`. */
export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'Use a real date, written as YYYY-MM-DD' });

const finiteNumber = z.number().refine(Number.isFinite, { message: 'This should be a number' });

export const MeasureSchema = z.object({
  /** What is counted, e.g. "students who try the second step before asking". */
  what: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  latest: z.number().nullable(),
  /** When the latest value was counted. */
  latestOn: z.string().nullable(),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const CycleSchema = z.object({
  id: IdSchema,
  partnershipId: IdSchema,
  status: z.enum(CYCLE_STATUSES),
  phase: z.enum(CYCLE_PHASES),
  goal: z.object({
    status: z.enum(GOAL_STATUSES),
    setAt: z.string().nullable(),
    setBy: PersonSchema.nullable(),
    /** First line of the Goal section in the cycle's latest meeting that has one written. */
    text: z.string().nullable(),
  }),
  measure: MeasureSchema,
  /** A whole-school focus, in the school's own words. */
  focusTag: z.string().nullable(),
  ecfArea: z.enum(ECF_AREAS).nullable(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: PersonSchema.nullable(),
});
export type Cycle = z.infer<typeof CycleSchema>;

export const CycleResponseSchema = z.object({ cycle: CycleSchema });
export const CycleListResponseSchema = z.object({ cycles: z.array(CycleSchema) });

/** Either partner: the measure, the phase and the tags. Absent fields stay as they are; null clears. */
export const UpdateCycleRequestSchema = z.object({
  measureWhat: z.string().trim().max(300, 'Keep this under 300 characters').nullable().optional(),
  baseline: finiteNumber.nullable().optional(),
  target: finiteNumber.nullable().optional(),
  latest: finiteNumber.nullable().optional(),
  latestOn: CalendarDateSchema.nullable().optional(),
  phase: z.enum(CYCLE_PHASES).optional(),
  focusTag: z.string().trim().max(120, 'Keep the focus under 120 characters').nullable().optional(),
  ecfArea: z.enum(ECF_AREAS).nullable().optional(),
});
export type UpdateCycleRequest = z.infer<typeof UpdateCycleRequestSchema>;

/** The teacher only: the goal is set (or back to a draft). */
export const SetGoalStatusRequestSchema = z.object({ status: z.enum(GOAL_STATUSES) });
export type SetGoalStatusRequest = z.infer<typeof SetGoalStatusRequestSchema>;

/** The teacher only: the cycle is met, set aside, or active again. */
export const SetCycleStatusRequestSchema = z.object({ status: z.enum(CYCLE_STATUSES) });
export type SetCycleStatusRequest = z.infer<typeof SetCycleStatusRequestSchema>;
