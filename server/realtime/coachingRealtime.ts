/**
 * socket.io for the coaching cycle: tells a meeting's room when its coaching
 * facts change and a partnership's room when a cycle changes; passes "Look at
 * this" to the partner, naming the
 * asker from the authenticated socket (a client cannot speak for its partner).
 */
import type { Server } from 'socket.io';
import { CycleClientEvent, CycleServerEvent, type LookAtThis } from '../../shared/cycleEvents.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/eventMap.js';
import { meetingAccess } from '../domain/access.js';
import type { Services } from '../services.js';
import { onCommand, type RealtimeSocket, type SocketData } from './commands.js';
import { meetingRoom, partnershipRoom } from './rooms.js';

export function registerCoachingHandlers(socket: RealtimeSocket, services: Services): void {
  const { user } = socket.data;
  onCommand(socket, CycleClientEvent.LookAtThis, services.logger, async ({ meetingId, sectionId }) => {
    const access = await meetingAccess(services.db, user.id, meetingId);
    if (!access) return { ok: false, error: { id: 'not_found', message: 'No such meeting.' } };
    const look: LookAtThis = { meetingId, sectionId, from: { id: user.id, name: user.name } };
    socket.to(meetingRoom(meetingId)).emit(CycleServerEvent.LookAtThis, look);
    return { ok: true };
  });
}

/** Broadcasts coaching changes from the domain; returns a function that stops listening. */
export function attachCoachingBroadcasts(
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>,
  services: Services,
): () => void {
  const onCoaching = ({ meetingId }: { meetingId: string }) => {
    services.coaching.snapshot(meetingId).then(
      (coaching) => {
        if (coaching) io.to(meetingRoom(meetingId)).emit(CycleServerEvent.CoachingChanged, { coaching });
      },
      (err: unknown) => services.logger.error('realtime', 'could not broadcast coaching facts', { meetingId, err }),
    );
  };
  const onCycle = ({ cycleId, partnershipId }: { cycleId: string; partnershipId: string }) => {
    services.coaching.cycleSnapshot(cycleId).then(
      (cycle) => {
        if (cycle) io.to(partnershipRoom(partnershipId)).emit(CycleServerEvent.CycleChanged, { cycle });
      },
      (err: unknown) => services.logger.error('realtime', 'could not broadcast a cycle', { cycleId, err }),
    );
  };
  services.events.on('coachingChanged', onCoaching);
  services.events.on('cycleChanged', onCycle);
  return () => {
    services.events.off('coachingChanged', onCoaching);
    services.events.off('cycleChanged', onCycle);
  };
}
