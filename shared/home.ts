/**
 * What the home page and the partnership page need to answer "where is each
 * partnership?": the active cycle and goal, the current action step and whether
 * it is agreed, the last meeting, and warnings when coaching has gone quiet.
 */
import { z } from 'zod';
import { IdSchema, MeetingSchema, PartnershipSchema } from './api.js';
import { CycleSchema } from './cycle.js';
import { NextMeetingSchema } from './schedule.js';

/** Days without a meeting after which a partnership is flagged. */
export const QUIET_AFTER_DAYS = 14;

export const HOME_WARNINGS = ['quiet', 'step_not_reviewed'] as const;
export type HomeWarning = (typeof HOME_WARNINGS)[number];

export const StepSummarySchema = z.object({
  meetingId: IdSchema,
  /** The step as it stands now; null when not written yet. On the home page, the latest written step. */
  text: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** Both partners agreed to exactly this text and date. */
  agreed: z.boolean(),
});
export type StepSummary = z.infer<typeof StepSummarySchema>;

export const PartnershipSummarySchema = z.object({
  partnership: PartnershipSchema,
  activeCycle: CycleSchema.nullable(),
  /** First line of the Goal section of the latest meeting that has one written. */
  goalText: z.string().nullable(),
  currentStep: StepSummarySchema.nullable(),
  lastMeeting: MeetingSchema.nullable(),
  warnings: z.array(z.enum(HOME_WARNINGS)),
  /** When the partners next mean to meet, if one of them scheduled it. */
  nextMeeting: NextMeetingSchema.nullable(),
});
export type PartnershipSummary = z.infer<typeof PartnershipSummarySchema>;

export const HomeResponseSchema = z.object({ partnerships: z.array(PartnershipSummarySchema) });
export type HomeResponse = z.infer<typeof HomeResponseSchema>;

export const TimelineEntrySchema = z.object({
  meeting: MeetingSchema,
  cycleId: IdSchema,
  step: StepSummarySchema,
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TimelineResponseSchema = z.object({
  cycles: z.array(CycleSchema),
  /** Newest first. */
  meetings: z.array(TimelineEntrySchema),
});
export type TimelineResponse = z.infer<typeof TimelineResponseSchema>;
