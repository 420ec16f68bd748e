/**
 * Who is signed in, for the whole app. Loaded once from GET /api/me; sign-up,
 * sign-in and sign-out update it so every page agrees without refetching.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '../../../shared/api.js';
import { fetchMe, signOut as apiSignOut } from '../api/endpoints.js';
import { isUnauthenticated } from '../api/http.js';
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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const queryClient = useQueryClient();

  useEffect(() => {
    let cancelled = false;
    fetchMe().then(
      (user) => !cancelled && setSession({ status: 'signedIn', user }),
      (error: unknown) => {
        if (cancelled) return;
        if (isUnauthenticated(error)) setSession({ status: 'signedOut' });
        else setSession({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // Whoever signs in next starts with an empty cache: nothing read for someone else is shown to them.
  const signedIn = useCallback(
    (user: User) => {
      queryClient.clear();
      setSession({ status: 'signedIn', user });
    },
    [queryClient],
  );
  const updated = useCallback((user: User) => {
    setSession((current) =>
      current.status === 'signedIn' && current.user.id === user.id ? { status: 'signedIn', user } : current,
    );
  }, []);
  const signOut = useCallback(async () => {
    await apiSignOut();
    // On a shared laptop the next person must find nothing of ours.
    await forgetThisDevice();
    queryClient.clear();
    setSession({ status: 'signedOut', deliberate: true });
  }, [queryClient]);
  const expired = useCallback(() => {
    queryClient.clear();
    setSession({ status: 'signedOut' });
  }, [queryClient]);
  const retry = useCallback(() => {
    setSession({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

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
