import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignUpForm } from '../auth/AuthForms.js';
import { safeNext } from '../auth/RequireUser.js';
import { SchoolSignIn } from '../auth/SchoolSignIn.js';
import { useSession } from '../auth/session.js';
import { Layout } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

export function SignUpPage() {
  const { session } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  useDocumentTitle('Create your account');

  if (session.status === 'signedIn') return <Navigate to={next} replace />;

  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Create your Tandem account</h1>
          <p className="lede">
            One shared page for each coaching conversation, written together by coach and teacher, and there for you
            both afterwards.
          </p>
        </div>
        <div className="card">
          <SchoolSignIn next={next} />
          <SignUpForm onDone={() => navigate(next, { replace: true })} />
        </div>
        <p className="auth-switch">
          Already have an account?{' '}
          <Link to={`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>Sign in</Link>
        </p>
      </div>
    </Layout>
  );
}
