/**
 * Every socket.io event in one typed map: for each client → server event its
 * payload and acknowledgement schemas, for each server → client event its
 * payload schema. Both ends are typed from it (`ClientToServerEvents`,
 * `ServerToClientEvents`) and parse what they receive with it. Commands that
 * change something go over HTTP (`shared/contract/`); socket.io carries room
 * membership, "look at this" and what the server tells people.
 */
import type { z } from 'zod';
import { AccountServerEvent, PersonRenamedSchema } from './accountMail.js';
import { AuthorsClaimedSchema } from './authorshipSchemas.js';
import {
  CoachingChangedSchema,
  CycleChangedSchema,
  CycleClientEvent,
  CycleServerEvent,
  LookAtThisRequestSchema,
  LookAtThisSchema,
} from './cycleEvents.js';
import {
  AckSchema,
  ClientEvent,
  JoinAckSchema,
  MeetingEndedSchema,
  MeetingRefSchema,
  MeetingStartedSchema,
  PartnershipCreatedSchema,
  PresenceSchema,
  ServerEvent,
} from './events.js';
import { MeetingStateChangeSchema, MeetingStateServerEvent } from './meetingStateEvents.js';
import { NextMeetingChangedSchema, ScheduleServerEvent } from './schedule.js';
import { SchoolLinkChangedSchema, SchoolServerEvent } from './schools.js';

export const CLIENT_EVENTS = {
  [ClientEvent.JoinMeeting]: { payload: MeetingRefSchema, ack: JoinAckSchema },
  [ClientEvent.LeaveMeeting]: { payload: MeetingRefSchema, ack: AckSchema },
  [CycleClientEvent.LookAtThis]: { payload: LookAtThisRequestSchema, ack: AckSchema },
} as const;

export const SERVER_EVENTS = {
  [ServerEvent.Presence]: PresenceSchema,
  [ServerEvent.MeetingStarted]: MeetingStartedSchema,
  [ServerEvent.MeetingEnded]: MeetingEndedSchema,
  [ServerEvent.AuthorsClaimed]: AuthorsClaimedSchema,
  [ServerEvent.PartnershipCreated]: PartnershipCreatedSchema,
  [CycleServerEvent.CoachingChanged]: CoachingChangedSchema,
  [CycleServerEvent.CycleChanged]: CycleChangedSchema,
  [CycleServerEvent.LookAtThis]: LookAtThisSchema,
  [MeetingStateServerEvent.MeetingFinished]: MeetingStateChangeSchema,
  [MeetingStateServerEvent.MeetingReopened]: MeetingStateChangeSchema,
  [ScheduleServerEvent.NextMeetingChanged]: NextMeetingChangedSchema,
  [AccountServerEvent.PersonRenamed]: PersonRenamedSchema,
  [SchoolServerEvent.LinkChanged]: SchoolLinkChangedSchema,
} as const;

export type ClientEventName = keyof typeof CLIENT_EVENTS;
export type ServerEventName = keyof typeof SERVER_EVENTS;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof CLIENT_EVENTS)[E]['payload']>;
export type ClientAck<E extends ClientEventName> = z.output<(typeof CLIENT_EVENTS)[E]['ack']>;
export type ServerPayload<E extends ServerEventName> = z.output<(typeof SERVER_EVENTS)[E]>;

/** socket.io's typing of client → server events (payloads are parsed again on arrival). */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (answer: ClientAck<E>) => void) => void;
};

/** socket.io's typing of server → client events. */
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerPayload<E>) => void };
