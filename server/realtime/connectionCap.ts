/**
 * socket.io middleware (after authentication) that refuses a person's
 * connection once they hold `LIMITS.maxRealtimeConnectionsPerUser`, with the
 * connect error `too_many_connections`.
 */
import type { Socket } from 'socket.io';
import { ConnectionSlots } from '../auth/connectionSlots.js';
import type { SocketData } from './commands.js';

type Middleware = (socket: Socket, next: (err?: Error) => void) => void;

export function limitConnectionsPerUser(max: number): Middleware {
  const slots = new ConnectionSlots(max);
  return (socket, next) => {
    const { user } = socket.data as SocketData;
    const release = slots.take(user.id);
    if (!release) {
      const message = 'Tandem is open in too many tabs. Close a few and try again.';
      return next(Object.assign(new Error('too_many_connections'), { data: { message } }));
    }
    // Whichever comes first: the socket leaves, or its connection drops before it ever joined.
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    // The connection may have dropped while authentication was looking the person up: it never joins.
    if (socket.conn.readyState === 'closed') release();
    next();
  };
}
