/**
 * Wires client events to handlers with acknowledgements. A handler never
 * throws at the socket: bad payloads and failures become `{ ok: false }` acks.
 */
import { ClientEvent, type Ack, type JoinAck } from '../../shared/events.js';
import type { RealtimeSocket } from './realtimeServer.js';

export interface EventHandlers {
  join(payload: unknown): Promise<JoinAck>;
  leave(payload: unknown): Promise<Ack>;
  end(payload: unknown): Promise<Ack>;
}

const failure = { ok: false as const, error: { id: 'internal', message: 'Something went wrong. Please try again.' } };

export function registerEventHandlers(socket: RealtimeSocket, handlers: EventHandlers): void {
  const on = (event: string, handle: (payload: unknown) => Promise<Ack | JoinAck>) => {
    (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      const reply = typeof ack === 'function' ? (ack as (a: Ack | JoinAck) => void) : () => undefined;
      handle(typeof ack === 'function' ? args[0] : args[0]).then(reply, () => reply(failure));
    });
  };
  on(ClientEvent.JoinMeeting, handlers.join);
  on(ClientEvent.LeaveMeeting, handlers.leave);
  on(ClientEvent.EndMeeting, handlers.end);
}
