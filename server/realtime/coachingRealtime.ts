/**
 * socket.io for the coaching cycle: tells a meeting's room when its coaching
 * facts change and a partnership's room when a cycle changes; takes "I agree"
 * with an acknowledgement; passes "Look at this" to the partner, naming the
 * asker from the authenticated socket (a client cannot speak for its partner).
 */
import type { Server } from 'socket.io';
import type { Ack } from '../../shared/events.js';
import {
  AgreeToStepSchema,
  CycleClientEvent,
  CycleServerEvent,
  LookAtThisRequestSchema,
} from '../../shared/cycleEvents.js';
import type { LookAtThis } from '../../shared/cycleEvents.js';
import { meetingAccess } from '../domain/access.js';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';
import { meetingRoom, partnershipRoom, type RealtimeSocket } from './realtimeServer.js';

const invalid: Ack = { ok: false, error: { id: 'invalid_payload', message: 'That request was not understood.' } };
const internal: Ack = { ok: false, error: { id: 'internal', message: 'Something went wrong. Please try again.' } };

function toAck(err: unknown, services: Services): Ack {
  if (err instanceof AppError) return { ok: false, error: { id: err.id, message: err.message } };
  services.logger.error('realtime', 'coaching event failed', { err });
  return internal;
}

/** Listens to a client event whose last argument may be an acknowledgement callback. */
function onWithAck(socket: RealtimeSocket, event: string, handle: (payload: unknown) => Promise<Ack>): void {
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    const reply = typeof ack === 'function' ? (ack as (a: Ack) => void) : () => undefined;
    handle(args[0]).then(reply, () => reply(internal));
  });
}

export function registerCoachingHandlers(socket: RealtimeSocket, services: Services): void {
  const { user } = socket.data;

  onWithAck(socket, CycleClientEvent.AgreeToStep, async (payload) => {
    const parsed = AgreeToStepSchema.safeParse(payload);
    if (!parsed.success) return invalid;
    try {
      await services.coaching.agree(user.id, parsed.data.meetingId, parsed.data.hash);
      return { ok: true };
    } catch (err) {
      return toAck(err, services);
    }
  });

  onWithAck(socket, CycleClientEvent.LookAtThis, async (payload) => {
    const parsed = LookAtThisRequestSchema.safeParse(payload);
    if (!parsed.success) return invalid;
    const { meetingId, sectionId } = parsed.data;
    const access = await meetingAccess(services.db, user.id, meetingId);
    if (!access) return { ok: false, error: { id: 'not_found', message: 'No such meeting.' } };
    const look: LookAtThis = { meetingId, sectionId, from: { id: user.id, name: user.name } };
    (socket as unknown as { to(room: string): { emit(e: string, p: unknown): void } })
      .to(meetingRoom(meetingId))
      .emit(CycleServerEvent.LookAtThis, look);
    return { ok: true };
  });
}

/** Broadcasts coaching changes from the domain; returns a function that stops listening. */
export function attachCoachingBroadcasts(io: Server, services: Services): () => void {
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
