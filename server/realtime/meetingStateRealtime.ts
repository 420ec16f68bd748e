/**
 * socket.io for finishing and reopening: tells a meeting's room (both partners,
 * whichever tab has it open) at once, so the one who did not press the button
 * sees the notes turn read-only, or editable again, and who did it.
 */
import { MeetingStateServerEvent, type MeetingStateChange } from '../../shared/meetingStateEvents.js';
import type { DomainEventMap } from '../domain/events.js';
import type { Services } from '../services.js';
import type { RealtimeIo } from './realtimeServer.js';
import { meetingRoom } from './rooms.js';

type StateEvent = DomainEventMap['meetingFinished'][0];

function payload({ meetingId, at, by }: StateEvent): MeetingStateChange {
  return { meetingId, at, by: { id: by.id, name: by.name } };
}

/** Broadcasts finishes and reopenings from the domain; returns a function that stops listening. */
export function attachMeetingStateBroadcasts(io: RealtimeIo, services: Services): () => void {
  const onFinished = (e: StateEvent) =>
    io.to(meetingRoom(e.meetingId)).emit(MeetingStateServerEvent.MeetingFinished, payload(e));
  const onReopened = (e: StateEvent) =>
    io.to(meetingRoom(e.meetingId)).emit(MeetingStateServerEvent.MeetingReopened, payload(e));
  services.events.on('meetingFinished', onFinished);
  services.events.on('meetingReopened', onReopened);
  return () => {
    services.events.off('meetingFinished', onFinished);
    services.events.off('meetingReopened', onReopened);
  };
}
