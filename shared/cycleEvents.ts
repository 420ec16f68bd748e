/**
 * socket.io events of the coaching cycle, beside those in `events.ts`: the
 * meeting's coaching facts changed, a cycle changed, and "Look at this".
 * (Agreeing to the step is an HTTP command: `API.agree`.)
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';
import { MeetingCoachingSchema } from './coaching.js';
import { CycleSchema } from './cycle.js';
import { AckSchema } from './events.js';
import { SECTION_IDS, type SectionId } from './sections.js';

export const CycleClientEvent = {
  /** Bring your partner's view to a section. Ack: `AckSchema`. */
  LookAtThis: 'meeting:look',
} as const;

export const CycleServerEvent = {
  /** The meeting's coaching facts, whole, after any change. Sent to the meeting's room. */
  CoachingChanged: 'meeting:coaching',
  /** A cycle changed. Sent to the partnership's room. */
  CycleChanged: 'cycle:changed',
  /** Your partner asks you to look at a section. Sent to the meeting's room, except the asker. */
  LookAtThis: 'meeting:look',
} as const;

const SectionIdSchema = z.custom<SectionId>((v) => typeof v === 'string' && SECTION_IDS.includes(v as SectionId), {
  message: 'No such section',
});

export const LookAtThisRequestSchema = z.object({ meetingId: IdSchema, sectionId: SectionIdSchema });
export type LookAtThisRequest = z.infer<typeof LookAtThisRequestSchema>;

/** The server names who is asking; a client cannot. */
export const LookAtThisSchema = LookAtThisRequestSchema.extend({ from: PersonSchema });
export type LookAtThis = z.infer<typeof LookAtThisSchema>;

export const CoachingChangedSchema = z.object({ coaching: MeetingCoachingSchema });
export const CycleChangedSchema = z.object({ cycle: CycleSchema });

export { AckSchema };
