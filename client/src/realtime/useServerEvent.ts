/** Subscribe to one server → client socket.io event, its payload parsed with its schema from `shared/eventMap.ts`. */
import { useEffect, useRef } from 'react';
import { SERVER_EVENTS, type ServerEventName, type ServerPayload } from '../../../shared/eventMap.js';
import { useSocket } from './socket.js';

export function useServerEvent<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void) {
  const socket = useSocket();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });

  useEffect(() => {
    if (socket === null) return;
    const schema = SERVER_EVENTS[event];
    const listener = (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      // A payload that does not match the contract is dropped: acting on it would be guessing.
      if (parsed.success) handlerRef.current(parsed.data as ServerPayload<E>);
    };
    // socket.io's own typing cannot follow a generic event name; the map above is what keeps it honest.
    const loose = socket as unknown as {
      on(e: string, l: (raw: unknown) => void): void;
      off(e: string, l: (raw: unknown) => void): void;
    };
    loose.on(event, listener);
    return () => {
      loose.off(event, listener);
    };
  }, [socket, event]);
}
