import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../auth/AuthForms.js';
import { safeNext } from '../auth/RequireUser.js';
import { SchoolSignIn, SchoolSignInProblem } from '../auth/SchoolSignIn.js';
import { useSession } from '../auth/session.js';
import { Layout } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

export function SignInPage() {
  const { session } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  useDocumentTitle('Sign in');

  if (session.status === 'signedIn') return <Navigate to={next} replace />;

  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Welcome back</h1>
          <p className="lede">Sign in to pick up where you left off.</p>
        </div>
        <SchoolSignInProblem />
        <div className="card">
          <SchoolSignIn next={next} />
          <SignInForm onDone={() => navigate(next, { replace: true })} />
          <p className="auth-forgot">
            <Link to="/forgot-password">Forgotten your password?</Link>
          </p>
        </div>
        <p className="auth-switch">
          New to Tandem?{' '}
          <Link to={`/signup${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>Create an account</Link>
        </p>
      </div>
    </Layout>
  );
}
