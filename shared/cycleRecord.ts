/**
 * The cycle record page (`GET /api/cycles/:id/record`): one Impact Cycle with
 * its partners and every meeting in order, each with its label, its sections
 * as formatted blocks (`docContent.ts`) and its coaching facts — what the
 * cycle page renders and prints.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema, RoleSchema } from './api.js';
import { MeetingCoachingSchema } from './coaching.js';
import { CycleSchema } from './cycle.js';
import type { Block, Inline, ListItem } from './docContent.js';
import { SectionIdSchema } from './history.js';
import { MeasureValuesResponseSchema } from './measure.js';

export const InlineSchema: z.ZodType<Inline> = z.union([
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    bold: z.boolean(),
    italic: z.boolean(),
    underline: z.boolean(),
    strikethrough: z.boolean(),
    code: z.boolean(),
  }),
  z.object({ kind: z.literal('break') }),
]);

const ListItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.object({
    inlines: z.array(InlineSchema),
    checked: z.boolean().optional(),
    children: z.array(BlockSchema),
  }),
);

export const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('paragraph'), inlines: z.array(InlineSchema) }),
    z.object({ kind: z.literal('heading'), level: z.number().int().min(1).max(6), inlines: z.array(InlineSchema) }),
    z.object({ kind: z.literal('quote'), inlines: z.array(InlineSchema) }),
    z.object({
      kind: z.literal('list'),
      ordered: z.boolean(),
      checklist: z.boolean(),
      start: z.number().int(),
      items: z.array(ListItemSchema),
    }),
  ]),
);

export const CycleRecordMeetingSchema = z.object({
  id: IdSchema,
  number: z.number().int().positive(),
  title: z.string(),
  titleGiven: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  finishedBy: PersonSchema.nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: PersonSchema.nullable(),
  /** Every section in page order, with its formatting. */
  sections: z.array(z.object({ id: SectionIdSchema, title: z.string(), blocks: z.array(BlockSchema) })),
  coaching: MeetingCoachingSchema,
});
export type CycleRecordMeeting = z.infer<typeof CycleRecordMeetingSchema>;

export const CycleRecordResponseSchema = z.object({
  cycle: CycleSchema,
  coach: PersonSchema,
  teacher: PersonSchema,
  /** Whether the reader is the coach or the teacher. */
  myRole: RoleSchema,
  meetings: z.array(CycleRecordMeetingSchema),
  /** Every value recorded for the measure, in the order counted, and the meetings' dates for the chart. */
  measure: MeasureValuesResponseSchema,
});
export type CycleRecordResponse = z.infer<typeof CycleRecordResponseSchema>;
