/**
 * Your partnerships, where each one stands (goal, step, last meeting, warnings),
 * your own coaching first; and a way to start a new one. Refreshes when a
 * meeting starts or you come back to the tab.
 */
import { useEffect } from 'react';
import { fetchHome } from '../api/coachingEndpoints.js';
import { useResource } from '../api/useResource.js';
import { SummaryCard } from '../coaching/SummaryCard.js';
import { ServerEvent } from '../../../shared/events.js';
import { useUser } from '../auth/session.js';
import { InvitePanel } from '../components/InvitePanel.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { useServerEvent } from '../realtime/useServerEvent.js';
import { useRefreshOnReturn } from '../components/useRefreshOnReturn.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

export function HomePage() {
  const user = useUser();
  const [partnerships, reload] = useResource(`home:${user.id}`, fetchHome);
  useDocumentTitle('Home');
  useServerEvent(ServerEvent.MeetingStarted, reload);
  useRefreshOnReturn(reload);

  // A partnership appears when the other person accepts; look again now and then while the page is open.
  useEffect(() => {
    const timer = setInterval(reload, 30_000);
    return () => clearInterval(timer);
  }, [reload]);

  const firstName = user.name.split(' ')[0] ?? user.name;
  // Someone who is only ever the teacher most likely wants to invite a coach.
  const roles = partnerships.status === 'ready' ? partnerships.data.map((p) => p.partnership.myRole) : [];
  const suggestedRole = roles.includes('teacher') && !roles.includes('coach') ? 'teacher' : 'coach';

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
              <div data-testid="partnerships">
                {partnerships.data.some((p) => p.partnership.myRole === 'teacher') && (
                  <>
                    <h3 className="home-group">Your own coaching</h3>
                    <ul className="summary-list">
                      {partnerships.data
                        .filter((p) => p.partnership.myRole === 'teacher')
                        .map((p) => (
                          <SummaryCard key={p.partnership.id} summary={p} />
                        ))}
                    </ul>
                  </>
                )}
                {partnerships.data.some((p) => p.partnership.myRole === 'coach') && (
                  <>
                    <h3 className="home-group">Teachers you coach</h3>
                    <ul className="summary-list">
                      {partnerships.data
                        .filter((p) => p.partnership.myRole === 'coach')
                        .map((p) => (
                          <SummaryCard key={p.partnership.id} summary={p} />
                        ))}
                    </ul>
                  </>
                )}
              </div>
            ))}
        </section>
        <div className="home-side">
          <InvitePanel suggestedRole={suggestedRole} />
        </div>
      </div>
    </Layout>
  );
}
