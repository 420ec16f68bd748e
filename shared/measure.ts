/**
 * The measure's values over time: every value a partner recorded for a
 * cycle's measure (what was counted, on which date, by whom), and the rule
 * that says which one is "the latest". The cycle's `measure.latest` and
 * `measure.latestOn` are always the latest of these (`server/domain/coaching/measureValues.ts`).
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';
import { CycleSchema, CalendarDateSchema } from './cycle.js';

/** At most this many values per cycle (a value a week for ten years). */
export const MAX_MEASURE_VALUES = 500;
/** Values are plain counts or percentages; anything this large is a slip of the keyboard. */
export const MAX_MEASURE_MAGNITUDE = 1_000_000_000;

const measureNumber = z
  .number()
  .refine(Number.isFinite, { message: 'This should be a number' })
  .refine((v) => Math.abs(v) < MAX_MEASURE_MAGNITUDE, { message: 'That number is too large' });

export const MeasureValueSchema = z.object({
  id: IdSchema,
  value: z.number(),
  /** The day it was counted, `YYYY-MM-DD`. */
  measuredOn: z.string(),
  recordedBy: PersonSchema,
  recordedAt: z.string(),
  /** Who last corrected the value or its date, and when; null when never corrected. */
  correctedBy: PersonSchema.nullable(),
  correctedAt: z.string().nullable(),
});
export type MeasureValue = z.infer<typeof MeasureValueSchema>;

/** A meeting of the cycle, for the chart's ticks. */
export const MeasureMeetingSchema = z.object({
  id: IdSchema,
  number: z.number().int(),
  /** When the meeting was started (ISO timestamp). */
  startedAt: z.string(),
});
export type MeasureMeeting = z.infer<typeof MeasureMeetingSchema>;

/** The values in the order they were counted (see `compareMeasureValues`), and the cycle's meetings. */
export const MeasureValuesResponseSchema = z.object({
  values: z.array(MeasureValueSchema),
  meetings: z.array(MeasureMeetingSchema),
});
export type MeasureValuesResponse = z.infer<typeof MeasureValuesResponseSchema>;

/** After a change: the cycle (whose latest value may have moved) and every value. */
export const MeasureChangeResponseSchema = MeasureValuesResponseSchema.extend({ cycle: CycleSchema });
export type MeasureChangeResponse = z.infer<typeof MeasureChangeResponseSchema>;

export const RecordMeasureValueRequestSchema = z.object({
  value: measureNumber,
  measuredOn: CalendarDateSchema,
});
export type RecordMeasureValueRequest = z.infer<typeof RecordMeasureValueRequestSchema>;

/** A correction: the value, its date, or both. */
export const CorrectMeasureValueRequestSchema = z
  .object({ value: measureNumber.optional(), measuredOn: CalendarDateSchema.optional() })
  .refine((b) => b.value !== undefined || b.measuredOn !== undefined, {
    message: 'Give the corrected value or date',
    path: ['value'],
  });
export type CorrectMeasureValueRequest = z.infer<typeof CorrectMeasureValueRequestSchema>;

interface Ordered {
  measuredOn: string;
  recordedAt: string;
  id: string;
}

/** Oldest first: by the day counted, then by when it was recorded, then by id (so the order is total). */
export function compareMeasureValues(a: Ordered, b: Ordered): number {
  if (a.measuredOn !== b.measuredOn) return a.measuredOn < b.measuredOn ? -1 : 1;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The latest value: counted last, and of two counted the same day the one recorded last. */
export function latestMeasureValue<T extends Ordered>(values: readonly T[]): T | null {
  let latest: T | null = null;
  for (const v of values) if (latest === null || compareMeasureValues(v, latest) > 0) latest = v;
  return latest;
}
