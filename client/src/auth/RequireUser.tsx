/** Pages behind this need someone signed in; others are sent to sign in and brought back. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Layout, Loading, PageMessage } from '../components/Layout.js';
import { QueryBridge } from '../realtime/queryBridge.js';
import { RealtimeProvider } from '../realtime/socket.js';
import { useSession } from './session.js';

export function RequireUser({ children }: { children: ReactNode }) {
  const { session, retry } = useSession();
  const location = useLocation();

  if (session.status === 'loading') {
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  }
  if (session.status === 'error') {
    return (
      <Layout>
        <PageMessage title="We could not reach Tandem">
          <p>{session.message}</p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </PageMessage>
      </Layout>
    );
  }
  if (session.status === 'signedOut') {
    // After choosing to sign out, the next person to sign in here starts at their own home page.
    const next = `${location.pathname}${location.search}`;
    if (session.deliberate || next === '/') return <Navigate to="/signin" replace />;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <RealtimeProvider userId={session.user.id}>
      <QueryBridge />
      {children}
    </RealtimeProvider>
  );
}

/** Where to go after signing in: only paths on this site, never another origin. */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
