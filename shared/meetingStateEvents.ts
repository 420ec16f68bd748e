/**
 * socket.io events for a meeting being finished and reopened, sent by the
 * server to the meeting's room (both partners, while they have it open), with
 * a zod schema per payload, parsed on both ends.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';

export const MeetingStateServerEvent = {
  /** A partner finished the meeting: show it read-only. Payload: `MeetingStateChangeSchema`. */
  MeetingFinished: 'meeting:finished',
  /**
   * A partner reopened the meeting: editable again. A collaboration socket closed
   * with `CloseCode.MeetingFinished` may reconnect now. Payload: `MeetingStateChangeSchema`.
   */
  MeetingReopened: 'meeting:reopened',
} as const;

/** Which meeting, when, and who finished or reopened it (named by the server, never by a client). */
export const MeetingStateChangeSchema = z.object({
  meetingId: IdSchema,
  at: z.string(),
  by: PersonSchema,
});
export type MeetingStateChange = z.infer<typeof MeetingStateChangeSchema>;
