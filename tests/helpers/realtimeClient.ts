/**
 * Real socket.io clients for tests, connecting as a browser tab does: over a
 * WebSocket, with the session cookie, the protocol version, and no automatic
 * reconnection (a test decides when to come back).
 */
import { io, type Socket } from 'socket.io-client';
import { ClientEvent, JoinAckSchema, REALTIME_PROTOCOL_VERSION } from '../../shared/events.js';

export interface RealtimeOptions {
  /** Extra request headers (an `Origin`, say). */
  headers?: Record<string, string>;
  /** The handshake's `auth`; the current protocol version unless given. */
  auth?: object;
}

/** Starts connecting; pair it with `connected`, `refused` or `outcome`. */
export function realtimeSocket(baseUrl: string, cookie: string | null, options: RealtimeOptions = {}): Socket {
  return io(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...options.headers },
    auth: options.auth ?? { v: REALTIME_PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves once connected; rejects with the server's refusal. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Resolves with the refusal's message; rejects if the server lets the socket in. */
export function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('should have been refused')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

export type Outcome = { ok: true } | { ok: false; message: string; data: unknown };

/** How the connection attempt ended, either way. */
export function outcome(socket: Socket): Promise<Outcome> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ ok: true }));
    socket.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ ok: false, message: err.message, data: err.data }),
    );
  });
}

/** A connected socket (rejects with the server's refusal, and closes the refused socket). */
export async function openRealtimeSocket(
  baseUrl: string,
  cookie: string | null,
  options: RealtimeOptions = {},
): Promise<Socket> {
  const socket = realtimeSocket(baseUrl, cookie, options);
  try {
    await connected(socket);
  } catch (err) {
    socket.disconnect();
    throw err;
  }
  return socket;
}

/** Joins a meeting's room; throws with the server's message when refused. */
export async function joinMeeting(socket: Socket, meetingId: string): Promise<void> {
  const ack = JoinAckSchema.parse(await socket.emitWithAck(ClientEvent.JoinMeeting, { meetingId }));
  if (!ack.ok) throw new Error(ack.error.message);
}

/** The next `event` whose parsed payload satisfies `until`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  parse: (v: unknown) => T,
  until: (v: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const on = (payload: unknown) => {
      const value = parse(payload);
      if (!until(value)) return;
      socket.off(event, on);
      resolve(value);
    };
    socket.on(event, on);
  });
}
