/**
 * socket.io for the next meeting: when a partner schedules, moves or clears it,
 * both partners' sockets (every tab, via the partnership's room) get the new
 * state at once, so the other partner's pages show it without reloading.
 */
import { ScheduleServerEvent } from '../../shared/schedule.js';
import type { DomainEventMap } from '../domain/events.js';
import type { Services } from '../services.js';
import type { RealtimeIo } from './realtimeServer.js';
import { partnershipRoom } from './rooms.js';

export function attachScheduleBroadcasts(io: RealtimeIo, services: Services): () => void {
  const onChanged = ({ partnershipId, nextMeeting }: DomainEventMap['nextMeetingChanged'][0]) =>
    io.to(partnershipRoom(partnershipId)).emit(ScheduleServerEvent.NextMeetingChanged, { partnershipId, nextMeeting });
  services.events.on('nextMeetingChanged', onChanged);
  return () => {
    services.events.off('nextMeetingChanged', onChanged);
  };
}
