/**
 * socket.io middleware (after authentication) that refuses a person's
 * connection once they hold `LIMITS.maxRealtimeConnectionsPerUser`, with the
 * connect error `too_many_connections`.
 */
import type { Socket } from 'socket.io';
import { ConnectionSlots, type SlotCounts } from '../auth/connectionSlots.js';
import type { SocketData } from './commands.js';

type Middleware = (socket: Socket, next: (err?: Error) => void) => void;

export function limitConnectionsPerUser(
  max: number,
  /** With several processes: counted across them all. */
  shared?: (localCounts: () => ReadonlyMap<string, number>) => SlotCounts,
): Middleware {
  const slots = new ConnectionSlots(max, shared);
  return (socket, next) => {
    const { user } = socket.data as SocketData;
    slots.claim(user.id).then(
      (release) => admit(socket, release, next),
      (err: unknown) => next(err instanceof Error ? err : new Error('internal')),
    );
  };
}

function admit(socket: Socket, release: (() => void) | null, next: (err?: Error) => void): void {
  if (!release) {
    const message = 'Tandem is open in too many tabs. Close a few and try again.';
    return next(Object.assign(new Error('too_many_connections'), { data: { message } }));
  }
  // Whichever comes first: the socket leaves, or its connection drops before it ever joined.
  socket.once('disconnect', release);
  socket.conn.once('close', release);
  // The connection may have dropped while authentication (or the count) was under way: it never joins.
  if (socket.conn.readyState === 'closed') release();
  next();
}
