/** Every page and its address. Pages that need a signed-in person sit under <RequireUser>. */
import { lazy, Suspense } from 'react';
import { Link, Outlet, Route, Routes } from 'react-router';
import { RequireUser } from './auth/RequireUser.js';
import { Layout, Loading, PageMessage } from './components/Layout.js';
import { AccountClosedPage, AccountPage } from './pages/AccountPage.js';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage.js';
import { HomePage } from './pages/HomePage.js';
import { InvitePage } from './pages/InvitePage.js';
import { PartnershipPage } from './pages/PartnershipPage.js';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordResetPages.js';
import { SignInPage } from './pages/SignInPage.js';
import { SignUpPage } from './pages/SignUpPage.js';
import { SearchPage } from './search/SearchPage.js';

// The meeting page carries the editor and Yjs; load it only when a meeting is opened.
const loadMeetingPage = () => import('./pages/MeetingPage.js');
const MeetingPage = lazy(() => loadMeetingPage().then((m) => ({ default: m.MeetingPage })));
// Opening a meeting's link cold: fetch its page while the session is still being checked, not after.
if (/^\/meetings\/[^/]+\/?$/.test(window.location.pathname)) void loadMeetingPage();
const CycleRecordPage = lazy(() =>
  import('./cycleRecord/CycleRecordPage.js').then((m) => ({ default: m.CycleRecordPage })),
);
const HistoryPage = lazy(() => import('./history/HistoryPage.js').then((m) => ({ default: m.HistoryPage })));

export function App() {
  return (
    <Routes>
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="/confirm-email/:token" element={<ConfirmEmailPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/account-closed" element={<AccountClosedPage />} />
      <Route
        element={
          // One guard (and one realtime socket) for every signed-in page, kept across navigation.
          <RequireUser>
            <Outlet />
          </RequireUser>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/partnerships/:id" element={<PartnershipPage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route
          path="/cycles/:id"
          element={
            <Suspense
              fallback={
                <Layout>
                  <Loading label="Opening the cycle…" />
                </Layout>
              }
            >
              <CycleRecordPage />
            </Suspense>
          }
        />
        <Route
          path="/meetings/:id"
          element={
            <Suspense
              fallback={
                <Layout wide>
                  <Loading label="Opening the meeting…" />
                </Layout>
              }
            >
              <MeetingPage />
            </Suspense>
          }
        />
        <Route
          path="/meetings/:id/history"
          element={
            <Suspense
              fallback={
                <Layout wide>
                  <Loading label="Opening the history…" />
                </Layout>
              }
            >
              <HistoryPage />
            </Suspense>
          }
        />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function NotFound() {
  return (
    <Layout>
      <PageMessage title="There is nothing at this address">
        <p>
          The link may be mistyped or out of date. <Link to="/">Go to your home page</Link>
        </p>
      </PageMessage>
    </Layout>
  );
}
