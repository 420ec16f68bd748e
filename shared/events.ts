/**
 * socket.io events of the meeting room, with a zod schema per payload, parsed
 * on both ends. Client → server events take an acknowledgement callback whose
 * argument is an `Ack`.
 */
import { z } from 'zod';
import { IdSchema, RoleSchema } from './api.js';

/** Sent in the socket.io handshake `auth`; the server refuses other versions. */
export const REALTIME_PROTOCOL_VERSION = 1;

export const HandshakeAuthSchema = z.object({ v: z.literal(REALTIME_PROTOCOL_VERSION) });

export const ClientEvent = {
  /** Join a meeting's room to receive its presence and lifecycle events. */
  JoinMeeting: 'meeting:join',
  /** Leave a meeting's room. */
  LeaveMeeting: 'meeting:leave',
} as const;

export const ServerEvent = {
  /** Who is in the meeting now. Sent to the room on every join and leave. */
  Presence: 'meeting:presence',
  /** A meeting was started in one of your partnerships. */
  MeetingStarted: 'meeting:started',
  /** A meeting was ended. */
  MeetingEnded: 'meeting:ended',
  /** New Yjs client ids were attested as a partner's (payload: `AuthorsClaimedSchema` in authorship.ts). */
  AuthorsClaimed: 'meeting:authors',
  /** An invitation was accepted: both people have a new partnership (payload: `PartnershipCreatedSchema`). */
  PartnershipCreated: 'partnership:created',
} as const;

export const MeetingRefSchema = z.object({ meetingId: IdSchema });
export type MeetingRef = z.infer<typeof MeetingRefSchema>;

export const PresentPersonSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  role: RoleSchema,
});
export type PresentPerson = z.infer<typeof PresentPersonSchema>;

export const PresenceSchema = z.object({
  meetingId: IdSchema,
  people: z.array(PresentPersonSchema),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const MeetingStartedSchema = z.object({
  meetingId: IdSchema,
  partnershipId: IdSchema,
  startedBy: z.object({ id: IdSchema, name: z.string() }),
});
export type MeetingStarted = z.infer<typeof MeetingStartedSchema>;

export const MeetingEndedSchema = z.object({
  meetingId: IdSchema,
  endedAt: z.string(),
});
export type MeetingEnded = z.infer<typeof MeetingEndedSchema>;

export const PartnershipCreatedSchema = z.object({ partnershipId: IdSchema });
export type PartnershipCreated = z.infer<typeof PartnershipCreatedSchema>;

export const AckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ id: z.string(), message: z.string() }) }),
]);
export type Ack = z.infer<typeof AckSchema>;

export const JoinAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), presence: PresenceSchema }),
  z.object({ ok: z.literal(false), error: z.object({ id: z.string(), message: z.string() }) }),
]);
export type JoinAck = z.infer<typeof JoinAckSchema>;
