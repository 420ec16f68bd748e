/**
 * socket.io connections that have not authenticated yet (an engine.io socket
 * that has not joined a namespace) are capped per address, and dropped after
 * `LIMITS.handshakeTimeoutMs` (socket.io's `connectTimeout`), so a stranger
 * cannot hold thousands of sockets open.
 */
import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { ClientAddress } from '../auth/clientAddress.js';
import { ConnectionSlots, type SlotCounts } from '../auth/connectionSlots.js';

type EngineSocket = Socket['conn'];

export interface StrangerCap {
  /**
   * False when `req`'s address already holds as many unauthenticated connections as it may (across
   * processes when there are several; the connection itself is then counted in this process and written
   * for the others).
   */
  admits(req: IncomingMessage): Promise<boolean>;
}

export function capStrangers(
  io: Server,
  maxPerAddress: number,
  addressOf: ClientAddress,
  shared?: (localCounts: () => ReadonlyMap<string, number>) => SlotCounts,
): StrangerCap {
  const slots = new ConnectionSlots(maxPerAddress, shared);
  const releases = new WeakMap<EngineSocket, () => void>();

  io.engine.on('connection', (conn: EngineSocket) => {
    const release = slots.take(addressOf(conn.request));
    if (!release) {
      conn.close();
      return;
    }
    releases.set(conn, release);
    conn.once('close', release);
  });
  // Joining a namespace means the handshake middleware let it in: it is no stranger any more.
  io.on('connection', (socket) => releases.get(socket.conn)?.());

  return {
    admits: (req) => slots.admits(addressOf(req)),
  };
}
