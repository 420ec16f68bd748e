/**
 * Your partnerships, where each one stands (goal, step, last meeting, warnings),
 * your own coaching first; and a way to start a new one. Read again when
 * the server announces a change (../realtime/queryBridge.ts), when you come back
 * to the tab, and every 30 s (a partnership appears when the other person
 * accepts an invitation, which is not announced).
 */
import { useQuery } from '@tanstack/react-query';
import { fetchHome } from '../api/coachingEndpoints.js';
import { queryKeys } from '../api/queryKeys.js';
import { SummaryCard } from '../coaching/SummaryCard.js';
import { useUser } from '../auth/session.js';
import { Link } from 'react-router';
import { InvitePanel } from '../components/InvitePanel.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

export function HomePage() {
  const user = useUser();
  const home = useQuery({ queryKey: queryKeys.home(), queryFn: fetchHome, refetchInterval: 30_000 });
  useDocumentTitle('Home');

  const firstName = user.name.split(' ')[0] ?? user.name;
  // Someone who is only ever the teacher most likely wants to invite a coach.
  const partnerships = home.data;
  const roles = partnerships ? partnerships.map((p) => p.partnership.myRole) : [];
  const suggestedRole = roles.includes('teacher') && !roles.includes('coach') ? 'teacher' : 'coach';

  return (
    <Layout>
      <h1>Hello, {firstName}</h1>
      <div className="home">
        <section aria-labelledby="partnerships-title" className="home-main">
          <h2 id="partnerships-title">Your coaching partnerships</h2>
          {home.isPending && <Loading label="Loading your partnerships…" />}
          {partnerships === undefined && home.isError && (
            <ErrorMessage error={home.error} retry={() => void home.refetch()} />
          )}
          {partnerships !== undefined &&
            (partnerships.length === 0 ? (
              <div className="empty">
                <p>You are not working with anyone in Tandem yet.</p>
                <p className="muted">
                  Invite your teacher or your coach, and your partnership will appear here once they accept.
                </p>
              </div>
            ) : (
              <div data-testid="partnerships">
                {partnerships.some((p) => p.partnership.myRole === 'teacher') && (
                  <>
                    <h3 className="home-group">Your own coaching</h3>
                    <ul className="summary-list">
                      {partnerships
                        .filter((p) => p.partnership.myRole === 'teacher')
                        .map((p) => (
                          <SummaryCard key={p.partnership.id} summary={p} />
                        ))}
                    </ul>
                  </>
                )}
                {partnerships.some((p) => p.partnership.myRole === 'coach') && (
                  <>
                    <h3 className="home-group">Teachers you coach</h3>
                    <ul className="summary-list">
                      {partnerships
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
          <p>
            <Link to="/schools">Your schools</Link>
            <span className="muted"> · persistent problems and the coaching programme</span>
          </p>
        </div>
      </div>
    </Layout>
  );
}
