/**
 * Who is signed in, for the whole app: one query of GET /api/me (a 401 answers
 * "no one", not an error), read once and again when everything is; sign-up,
 * sign-in and sign-out write into it so every page agrees without reading it.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { User } from '../../../shared/api.js';
import { fetchMe, signOut as apiSignOut } from '../api/endpoints.js';
import { isUnauthenticated } from '../api/http.js';
import { queryKeys } from '../api/queryKeys.js';
import { forgetThisDevice } from '../offline/appShell.js';

export type SessionState =
  | { status: 'loading' }
  /** `deliberate`: they chose to sign out here, so the next person starts afresh. */
  | { status: 'signedOut'; deliberate?: boolean }
  | { status: 'signedIn'; user: User }
  | { status: 'error'; message: string };

interface SessionValue {
  session: SessionState;
  /** Call after a successful sign-up or sign-in. */
  signedIn(user: User): void;
  /** The signed-in person's details changed (a new name or address): show them, keeping everything else. */
  updated(user: User): void;
  signOut(): Promise<void>;
  /** The server says the session is over (expired elsewhere): forget it here too. */
  expired(): void;
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in person, or `null` when no one is. */
async function readSession(): Promise<User | null> {
  try {
    return await fetchMe();
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

/** Whoever is signed in now: the cache keeps nothing read or sent for someone else (a typed password included). */
function switchTo(queryClient: QueryClient, user: User | null) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session()[0] });
  queryClient.getMutationCache().clear();
  queryClient.setQueryData(queryKeys.session(), user);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: queryKeys.session(),
    queryFn: readSession,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [deliberate, setDeliberate] = useState(false);

  const session = useMemo((): SessionState => {
    // A failed read again keeps who was signed in.
    if (me.data !== undefined) {
      return me.data === null ? { status: 'signedOut', deliberate } : { status: 'signedIn', user: me.data };
    }
    if (me.isError) return { status: 'error', message: me.error.message };
    return { status: 'loading' };
  }, [me.data, me.isError, me.error, deliberate]);

  const signedIn = useCallback(
    (user: User) => {
      setDeliberate(false);
      switchTo(queryClient, user);
    },
    [queryClient],
  );
  const updated = useCallback(
    (user: User) => {
      queryClient.setQueryData<User | null>(queryKeys.session(), (current) =>
        current && current.id === user.id ? user : current,
      );
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await apiSignOut();
    // On a shared laptop the next person must find nothing of ours.
    await forgetThisDevice();
    setDeliberate(true);
    switchTo(queryClient, null);
  }, [queryClient]);
  const expired = useCallback(() => {
    setDeliberate(false);
    switchTo(queryClient, null);
  }, [queryClient]);
  const retry = useCallback(() => {
    void queryClient.resetQueries({ queryKey: queryKeys.session(), exact: true });
  }, [queryClient]);

  const value = useMemo(
    () => ({ session, signedIn, updated, signOut, expired, retry }),
    [session, signedIn, updated, signOut, expired, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for pages rendered behind <RequireUser>. */
export function useUser(): User {
  const { session } = useSession();
  if (session.status !== 'signedIn') throw new Error('useUser needs a signed-in session');
  return session.user;
}
