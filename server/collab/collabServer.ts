/**
 * The collaboration socket: y-websocket protocol at `/collab/<meetingId>`,
 * authorized before upgrade (and refused with 429 past
 * `LIMITS.maxCollabConnectionsPerUser`), one room per meeting, rooms unloaded
 * when their last connection leaves.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { ConnectionSlots } from '../auth/connectionSlots.js';
import { clientAddressOf } from '../auth/clientAddress.js';
import type { Services } from '../services.js';
import type { MeetingDocumentPort } from '../domain/history/documentPort.js';
import { CollabConnection } from './connection.js';
import { liveDocumentPort } from './liveDocuments.js';
import { Room } from './room/room.js';
import { refuseUpgrade as refuse } from '../upgrades.js';
import { collabMeetingId, decideUpgrade } from './upgrade.js';

const HEARTBEAT_MS = 30_000;

export interface CollabServer {
  /** Live rooms by meeting id (for tests and metrics). */
  readonly rooms: ReadonlyMap<string, Room>;
  /** Meeting documents as the live rooms hold them, for domain services (history's restore). */
  readonly documents: MeetingDocumentPort;
  /** Closes every connection with `ServerRestarting` and waits for rooms to store everything. */
  close(): Promise<void>;
}

export function attachCollab(httpServer: http.Server, services: Services): CollabServer {
  const { logger } = services;
  // Frames up to 4x the limit reach us and are refused with our own code; larger ones ws refuses with 1009.
  // Pings are answered by the connection, in turn with its frames (connection.ts): a pong then means every
  // frame sent before the ping has been dealt with, even when some waited for a turn with time left.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes * 4, autoPong: false });
  const rooms = new Map<string, Room>();
  // With several processes both caps count every process's sockets (server/cluster/sharedCounts.ts).
  const slots = new ConnectionSlots(
    LIMITS.maxCollabConnectionsPerUser,
    services.cluster?.connectionCounts('collab-person'),
  );
  const strangers = new ConnectionSlots(
    LIMITS.maxUnauthenticatedSocketsPerAddress,
    services.cluster?.connectionCounts('collab-address'),
  );
  const addressOf = clientAddressOf(services.config.trustProxy);
  /**
   * Rooms still unloading, and server edits being appended while no room was open: a new room for the
   * same meeting waits for them before it loads the log.
   */
  const unloading = new Map<string, Promise<void>>();
  let closing = false;

  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!collabMeetingId(req.url)) return; // socket.io answers its own upgrades, server/upgrades.ts the rest
    socket.on('error', () => socket.destroy());
    if (closing) return refuse(socket, 503, 'server_restarting', 'The server is restarting.');
    void upgrade(req, socket, head).catch((err: unknown) => {
      logger.error('collab', 'upgrade failed', { err });
      refuse(socket, 500, 'internal', 'Something went wrong.');
    });
  });

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Until it is decided, an upgrade is a stranger's: capped per address, and given a deadline.
    const releaseStranger = await strangers.claim(addressOf(req));
    if (!releaseStranger) {
      return refuse(socket, 429, 'too_many_connections', 'Too many connections from this address. Try again soon.');
    }
    if (socket.destroyed) return releaseStranger();
    const deadline = setTimeout(() => {
      refuse(socket, 503, 'handshake_timeout', 'The server took too long to answer. Try again.');
    }, LIMITS.handshakeTimeoutMs).unref();
    const decided = () => {
      clearTimeout(deadline);
      releaseStranger();
    };
    socket.once('close', decided);
    let decision: Awaited<ReturnType<typeof decideUpgrade>>;
    try {
      decision = await decideUpgrade(req, services);
    } finally {
      decided();
    }
    if (!decision.ok) return refuse(socket, decision.status, decision.id, decision.message);
    // The server began closing while this upgrade was being decided: a room opened now would outlive it.
    if (closing) return refuse(socket, 503, 'server_restarting', 'The server is restarting.');
    if (socket.destroyed || !socket.writable) return;
    const release = await slots.claim(decision.user.id);
    if (!release) {
      const message = 'Tandem is open in too many tabs. Close a few and try again.';
      return refuse(socket, 429, 'too_many_connections', message);
    }
    // The raw socket closes with the WebSocket, or alone if the handshake never completes.
    socket.once('close', release);
    if (socket.destroyed || !socket.writable) return release();
    if (closing) return refuse(socket, 503, 'server_restarting', 'The server is restarting.');
    const { user, meetingId, wantsAcks, role, sessionId } = decision;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new CollabConnection(ws, user, meetingId, wantsAcks, role);
      conn.sessionId = sessionId;
      void connect(conn);
    });
  }

  async function roomFor(meetingId: string): Promise<Room> {
    for (;;) {
      const existing = rooms.get(meetingId);
      if (existing) return existing;
      const previous = unloading.get(meetingId);
      if (!previous) break;
      await previous;
    }
    const room = new Room(meetingId, services);
    rooms.set(meetingId, room);
    return room;
  }

  function release(room: Room, conn: CollabConnection): void {
    if (!room.leave(conn) || rooms.get(conn.meetingId) !== room) return;
    rooms.delete(conn.meetingId);
    const done = room
      .unload()
      .catch((err: unknown) => logger.error('collab', 'unload failed', { meetingId: conn.meetingId, err }))
      .finally(() => unloading.delete(conn.meetingId));
    unloading.set(conn.meetingId, done);
  }

  async function connect(conn: CollabConnection): Promise<void> {
    const { ws } = conn;
    let room: Room | null = null;
    ws.on('message', (data: RawData) => conn.receive(toBytes(data)));
    ws.on('pong', () => (conn.alive = true));
    ws.on('ping', (data: Buffer) => conn.receivePing(data));
    ws.on('error', (err) => logger.debug('collab', 'socket error', { err }));
    ws.on('close', () => {
      conn.closed = true;
      if (room) release(room, conn);
    });
    room = await roomFor(conn.meetingId);
    if (conn.closed) return release(room, conn);
    try {
      await room.join(conn);
    } catch (err) {
      logger.error('collab', 'could not load meeting document', { meetingId: conn.meetingId, err });
      conn.close(CloseCode.InternalError, 'could not load');
    }
  }

  // Someone who closed their account is signed out of every meeting they had open.
  const onAccountClosed = ({ userId }: { userId: string }) => {
    for (const room of rooms.values()) {
      for (const conn of room.connections) {
        if (conn.user.id === userId) conn.close(CloseCode.Unauthenticated, 'account closed');
      }
    }
  };
  services.events.on('accountClosed', onAccountClosed);
  // A session that ends (sign-out, expiry, account closure) closes its sockets; nothing they send after is read.
  const onSessionEnded = ({ sessionId }: { sessionId: string }) => {
    for (const room of rooms.values()) {
      for (const conn of room.connections) {
        if (conn.sessionId === sessionId) conn.close(CloseCode.Unauthenticated, 'session ended');
      }
    }
  };
  services.events.on('sessionEnded', onSessionEnded);
  // A renamed person's cursors carry the new name from their next awareness update.
  const onNameChanged = ({ userId, name }: { userId: string; name: string }) => {
    for (const room of rooms.values()) {
      for (const conn of room.connections) if (conn.user.id === userId) conn.user = { ...conn.user, name };
    }
  };
  services.events.on('nameChanged', onNameChanged);

  // A live room starts refusing edits the moment the meeting is finished, and takes them again once reopened;
  // a room loaded later reads the state with the document.
  const onFinished = ({ meetingId }: { meetingId: string }) => rooms.get(meetingId)?.setFinished(true);
  const onReopened = ({ meetingId }: { meetingId: string }) => rooms.get(meetingId)?.setFinished(false);
  services.events.on('meetingFinished', onFinished);
  services.events.on('meetingReopened', onReopened);

  const heartbeat = setInterval(() => {
    for (const room of rooms.values()) {
      for (const conn of room.connections) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }, HEARTBEAT_MS).unref();

  return {
    rooms,
    documents: liveDocumentPort(rooms, unloading, services),
    async close() {
      closing = true;
      clearInterval(heartbeat);
      services.events.off('accountClosed', onAccountClosed);
      services.events.off('sessionEnded', onSessionEnded);
      services.events.off('nameChanged', onNameChanged);
      services.events.off('meetingFinished', onFinished);
      services.events.off('meetingReopened', onReopened);
      const closed: Promise<void>[] = [];
      for (const room of rooms.values()) {
        for (const conn of room.connections) {
          closed.push(new Promise((resolve) => conn.ws.once('close', () => resolve())));
          conn.close(CloseCode.ServerRestarting, 'server restarting');
        }
      }
      // A client that never answers the close handshake is cut off after a moment.
      const cutoff = setTimeout(() => {
        for (const room of rooms.values()) for (const conn of room.connections) conn.ws.terminate();
      }, 2000);
      await Promise.all(closed);
      clearTimeout(cutoff);
      await Promise.all(unloading.values());
      wss.close();
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
