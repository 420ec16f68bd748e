/**
 * The one way the server takes a client → server socket.io event: the payload
 * is parsed with its schema from `shared/eventMap.ts`, the handler runs, and
 * the acknowledgement is always sent. A handler never throws at the socket:
 * bad payloads, refusals (`AppError`) and failures become `{ ok: false }`.
 */
import {
  CLIENT_EVENTS,
  type ClientAck,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/eventMap.js';
import type { z } from 'zod';
import type { Socket } from 'socket.io';
import type { User } from '../../shared/api.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** What the server keeps about each socket. */
export interface SocketData {
  user: User;
  /** The session the socket was opened with; it is closed when that session ends. */
  sessionId: string;
}

export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type Refusal = { ok: false; error: { id: string; message: string } };

const invalid: Refusal = { ok: false, error: { id: 'invalid_payload', message: 'That request was not understood.' } };
const internal: Refusal = { ok: false, error: { id: 'internal', message: 'Something went wrong. Please try again.' } };

export function onCommand<E extends ClientEventName>(
  socket: RealtimeSocket,
  event: E,
  logger: Logger,
  handle: (payload: z.output<(typeof CLIENT_EVENTS)[E]['payload']>) => Promise<ClientAck<E>>,
): void {
  const schema = CLIENT_EVENTS[event].payload;
  // The typed signature is what a well-behaved client sends; anything may arrive, so it is read loosely.
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    const reply = typeof ack === 'function' ? (ack as (answer: ClientAck<E> | Refusal) => void) : () => undefined;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) return reply(invalid);
    handle(parsed.data as z.output<(typeof CLIENT_EVENTS)[E]['payload']>).then(reply, (err: unknown) => {
      if (err instanceof AppError) return reply({ ok: false, error: { id: err.id, message: err.message } });
      logger.error('realtime', 'event failed', { event, err });
      reply(internal);
    });
  });
}
