/**
 * The coaching facts of one meeting that the server keeps beside the shared
 * document: the approach the coach used, the step carried from last time and
 * whether it happened, the PEERS check of the goal, the partners' agreements
 * to the action step, and the cycle's practice log.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema, RoleSchema } from './api.js';
import { CalendarDateSchema, CycleSchema } from './cycle.js';

export const APPROACHES = ['facilitative', 'dialogical', 'directive'] as const;
export type Approach = (typeof APPROACHES)[number];
export const APPROACH_LABELS: Record<Approach, string> = {
  facilitative: 'Facilitative',
  dialogical: 'Dialogical',
  directive: 'Directive',
};

/** The PEERS goal check: powerful, easy, emotionally compelling, reachable, student-focused. */
export const PEERS_CRITERIA = [
  { id: 'powerful', label: 'Powerful', hint: 'Will it make a real difference for students?' },
  { id: 'easy', label: 'Easy', hint: 'Is it simple enough to start on this week?' },
  { id: 'emotionallyCompelling', label: 'Emotionally compelling', hint: 'Does it matter to you?' },
  { id: 'reachable', label: 'Reachable', hint: 'Can you picture getting there, and how you will know?' },
  { id: 'studentFocused', label: 'Student-focused', hint: 'Is it about what students do?' },
] as const;
export const PEERS_IDS = ['powerful', 'easy', 'emotionallyCompelling', 'reachable', 'studentFocused'] as const;
export type PeersCriterion = (typeof PEERS_IDS)[number];

export const REVIEW_OUTCOMES = ['yes', 'partly', 'no'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_LABELS: Record<ReviewOutcome, string> = { yes: 'Yes', partly: 'Partly', no: 'Not yet' };

/** Lowercase hex SHA-256 of a step (`shared/actionStep.ts` `stepHash`). */
export const StepHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'This should be the step hash (64 hex characters)');

/** Who did something, and when. */
export const StampSchema = z.object({ by: PersonSchema, at: z.string() });

export const AgreementSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  role: RoleSchema,
  hash: StepHashSchema,
  agreedAt: z.string(),
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const PracticeEntrySchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  practisedOn: z.string(),
  what: z.string(),
  feedback: z.string(),
  /** The teacher's own reflection; only the teacher writes it. */
  reflection: z.string(),
  addedBy: PersonSchema,
  addedAt: z.string(),
});
export type PracticeEntry = z.infer<typeof PracticeEntrySchema>;

export const MeetingCoachingSchema = z.object({
  meetingId: IdSchema,
  cycleId: IdSchema,
  approach: z
    .object({ value: z.enum(APPROACHES) })
    .merge(StampSchema)
    .nullable(),
  /** The previous meeting's action step, as it stood when this meeting was started. */
  carried: z
    .object({
      fromMeetingId: IdSchema,
      fromMeetingTitle: z.string(),
      fromMeetingAt: z.string(),
      text: z.string(),
      dueOn: z.string().nullable(),
      /** Whether both partners had agreed to exactly that text. */
      agreed: z.boolean(),
    })
    .nullable(),
  /** Whether the carried step happened. */
  review: z
    .object({ outcome: z.enum(REVIEW_OUTCOMES) })
    .merge(StampSchema)
    .nullable(),
  step: z.object({
    dueOn: z.string().nullable(),
    /** Each partner's latest agreement (at most one each). */
    agreements: z.array(AgreementSchema),
  }),
  peers: z.array(
    z.object({
      criterion: z.enum(PEERS_IDS),
      checked: z.boolean(),
      by: PersonSchema.nullable(),
      at: z.string().nullable(),
    }),
  ),
  /** Rehearsals logged in this meeting's cycle, newest first. */
  practice: z.array(PracticeEntrySchema),
});
export type MeetingCoaching = z.infer<typeof MeetingCoachingSchema>;

export const MeetingCoachingResponseSchema = z.object({ coaching: MeetingCoachingSchema, cycle: CycleSchema });
export type MeetingCoachingResponse = z.infer<typeof MeetingCoachingResponseSchema>;

export const AgreeRequestSchema = z.object({
  /** The hash of the step as the caller sees it; must match the server's copy. */
  hash: StepHashSchema,
});
export type AgreeRequest = z.infer<typeof AgreeRequestSchema>;

export const SetDueDateRequestSchema = z.object({ dueOn: CalendarDateSchema.nullable() });
export const SetApproachRequestSchema = z.object({ approach: z.enum(APPROACHES) });
export const SetReviewRequestSchema = z.object({ outcome: z.enum(REVIEW_OUTCOMES) });
export const SetPeersRequestSchema = z.object({ criterion: z.enum(PEERS_IDS), checked: z.boolean() });

export const AddPracticeRequestSchema = z.object({
  practisedOn: CalendarDateSchema,
  what: z.string().trim().min(1, 'Say what was practised').max(500, 'Keep this under 500 characters'),
  feedback: z.string().trim().max(2000, 'Keep the feedback under 2000 characters').optional(),
  reflection: z.string().trim().max(2000, 'Keep the reflection under 2000 characters').optional(),
});
export type AddPracticeRequest = z.infer<typeof AddPracticeRequestSchema>;

export const SetReflectionRequestSchema = z.object({
  reflection: z.string().trim().max(2000, 'Keep the reflection under 2000 characters'),
});

/** The answer to every command on a meeting's coaching facts: the facts as they now stand. */
export const CoachingResponseSchema = z.object({ coaching: MeetingCoachingSchema });
