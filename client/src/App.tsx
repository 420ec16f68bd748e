/** Every page and its address. Pages that need a signed-in person sit under <RequireUser>. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Outlet, Route, Routes } from 'react-router';
import { RequireUser } from './auth/RequireUser.js';
import { Layout, Loading, PageMessage } from './components/Layout.js';
import { AccountClosedPage, AccountPage } from './pages/AccountPage.js';
import { CloseAccountPage } from './pages/CloseAccountPage.js';
import { ConfirmEmailPage } from './pages/ConfirmEmailPage.js';
import { HomePage } from './pages/HomePage.js';
import { InvitePage } from './pages/InvitePage.js';
import { ConfirmLinkPage, LinkAccountPage } from './pages/LinkAccountPage.js';
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
// The school pages are opened now and then, not on every visit: each loads when first opened.
const SchoolsPage = lazy(() => import('./schools/SchoolsPage.js').then((m) => ({ default: m.SchoolsPage })));
const SchoolPage = lazy(() => import('./schools/SchoolPage.js').then((m) => ({ default: m.SchoolPage })));
const JoinSchoolPage = lazy(() => import('./schools/JoinSchoolPage.js').then((m) => ({ default: m.JoinSchoolPage })));
const ModelsPage = lazy(() => import('./models/ModelsPage.js').then((m) => ({ default: m.ModelsPage })));
const ProgrammePage = lazy(() => import('./schools/ProgrammePage.js').then((m) => ({ default: m.ProgrammePage })));
const SchoolViewPage = lazy(() => import('./schools/SchoolViewPage.js').then((m) => ({ default: m.SchoolViewPage })));
const HistoryPage = lazy(() => import('./history/HistoryPage.js').then((m) => ({ default: m.HistoryPage })));

export function App() {
  return (
    <Routes>
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="/confirm-email/:token" element={<ConfirmEmailPage />} />
      <Route path="/close-account/:token" element={<CloseAccountPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/link-account" element={<LinkAccountPage />} />
      <Route path="/link-account/:token" element={<ConfirmLinkPage />} />
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
        <Route path="/schools" element={<Lazy page={<SchoolsPage />} />} />
        <Route path="/schools/join/:token" element={<Lazy page={<JoinSchoolPage />} />} />
        <Route path="/schools/:id" element={<Lazy page={<SchoolPage />} />} />
        <Route path="/schools/:id/programme" element={<Lazy page={<ProgrammePage />} />} />
        <Route path="/schools/:id/models" element={<Lazy page={<ModelsPage />} />} />
        <Route path="/partnerships/:id/school-view" element={<Lazy page={<SchoolViewPage />} />} />
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

/** A page loaded when first opened, with the usual frame while it loads. */
function Lazy({ page }: { page: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Layout>
          <Loading />
        </Layout>
      }
    >
      {page}
    </Suspense>
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
