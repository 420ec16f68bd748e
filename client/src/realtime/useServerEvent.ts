/** Subscribe to one server → client socket.io event, with its payload parsed. */
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import { useSocket } from './socket.js';

export function useServerEvent<S extends z.ZodType>(event: string, schema: S, handler: (payload: z.infer<S>) => void) {
  const socket = useSocket();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });

  useEffect(() => {
    if (socket === null) return;
    const listener = (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      // A payload that does not match the contract is dropped: acting on it would be guessing.
      if (parsed.success) handlerRef.current(parsed.data);
    };
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event, schema]);
}
