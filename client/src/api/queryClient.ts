/**
 * The one cache of server state (TanStack Query). Answers count as fresh for a
 * few seconds, so moving between pages does not refetch what was just read;
 * coming back to the tab or to the network reads stale ones again, and socket
 * events update or invalidate them (see ../realtime/queryBridge.ts).
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http.js';

/** Worth trying again: the server's own trouble, not an answer about the request (4xx) nor no network. */
function isTransient(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
        // Offline, a read fails at once with "We could not reach Tandem" rather than waiting paused;
        // the page says so and reads again when the network comes back.
        networkMode: 'always',
        retry: (failures, error) => failures < 2 && isTransient(error),
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
