/**
 * One socket.io connection per signed-in person, shared by every page. It
 * carries the meeting room's events (presence, started, ended); payloads are
 * parsed with the zod schemas in shared/events.ts before anyone sees them.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/eventMap.js';
import { REALTIME_PROTOCOL_VERSION } from '../../../shared/events.js';

/** The socket, typed by the shared event map. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<RealtimeSocket | null>(null);

export function RealtimeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);

  useEffect(() => {
    // A new person means a new session cookie, so a new connection.
    const next: RealtimeSocket = io({
      path: '/socket.io',
      auth: { v: REALTIME_PROTOCOL_VERSION },
      withCredentials: true,
    });
    // A socket is an external resource: opened here, closed in the cleanup, shared through state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSocket(next);
    // After a network change, do not wait for the heartbeat to notice a dead
    // connection: reconnect now (listeners rejoin their rooms on 'connect').
    const onNetworkChange = () => {
      next.disconnect();
      next.connect();
    };
    window.addEventListener('online', onNetworkChange);
    window.addEventListener('offline', onNetworkChange);
    return () => {
      window.removeEventListener('online', onNetworkChange);
      window.removeEventListener('offline', onNetworkChange);
      next.disconnect();
      setSocket(null);
    };
  }, [userId]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/** The shared socket, or null before it exists (and outside a signed-in area). */
export function useSocket(): RealtimeSocket | null {
  return useContext(SocketContext);
}
