/** Your partnerships, and a way to start a new one. Refreshes when a meeting starts or you come back to the tab. */
import { useEffect } from 'react';
import { Link } from 'react-router';
import { fetchPartnerships } from '../api/endpoints.js';
import { useResource } from '../api/useResource.js';
import { MeetingStartedSchema, ServerEvent } from '../../../shared/events.js';
import { useUser } from '../auth/session.js';
import { InvitePanel } from '../components/InvitePanel.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDate, partnerOf, roleName } from '../format.js';
import { useServerEvent } from '../realtime/useServerEvent.js';
import { useRefreshOnReturn } from '../components/useRefreshOnReturn.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

export function HomePage() {
  const user = useUser();
  const [partnerships, reload] = useResource(`partnerships:${user.id}`, fetchPartnerships);
  useDocumentTitle('Home');
  useServerEvent(ServerEvent.MeetingStarted, MeetingStartedSchema, reload);
  useRefreshOnReturn(reload);

  // A partnership appears when the other person accepts; look again now and then while the page is open.
  useEffect(() => {
    const timer = setInterval(reload, 30_000);
    return () => clearInterval(timer);
  }, [reload]);

  const firstName = user.name.split(' ')[0] ?? user.name;

  return (
    <Layout>
      <h1>Hello, {firstName}</h1>
      <div className="home">
        <section aria-labelledby="partnerships-title" className="home-main">
          <h2 id="partnerships-title">Your coaching partnerships</h2>
          {partnerships.status === 'loading' && <Loading label="Loading your partnerships…" />}
          {partnerships.status === 'error' && <ErrorMessage error={partnerships.error} retry={reload} />}
          {partnerships.status === 'ready' &&
            (partnerships.data.length === 0 ? (
              <div className="empty">
                <p>You are not working with anyone in Tandem yet.</p>
                <p className="muted">
                  Invite your teacher or your coach, and your partnership will appear here once they accept.
                </p>
              </div>
            ) : (
              <ul className="partnerships" data-testid="partnerships">
                {partnerships.data.map((p) => (
                  <li key={p.id}>
                    <Link to={`/partnerships/${encodeURIComponent(p.id)}`} className="partnership-card">
                      <span className="partnership-name">{partnerOf(p).name}</span>
                      <span className="partnership-meta">
                        {roleName(p.myRole === 'coach' ? 'teacher' : 'coach')} · you are the{' '}
                        {roleName(p.myRole).toLowerCase()}
                      </span>
                      <span className="partnership-since">
                        {p.closedAt === null ? `Since ${formatDate(p.createdAt)}` : 'Closed: your notes are kept here'}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            ))}
        </section>
        <div className="home-side">
          <InvitePanel />
        </div>
      </div>
    </Layout>
  );
}
