/**
 * Where the link emailed to a new address lands (`/confirm-email/:token`). It
 * asks for a press rather than confirming on arrival, so a mail program that
 * opens links to check them changes nothing.
 */
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { confirmEmailChange } from '../api/accountEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { useSession } from '../auth/session.js';
import { Layout } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

export function ConfirmEmailPage() {
  useDocumentTitle('Confirm your new email address');
  const token = useParams().token ?? '';
  const { session, updated } = useSession();
  const confirm = useMutation({
    mutationFn: () => confirmEmailChange(token),
    onSuccess: (email) => {
      if (session.status === 'signedIn') updated({ ...session.user, email });
    },
  });

  const next = session.status === 'signedIn' ? { to: '/account', label: 'Back to your account' } : null;
  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Confirm your new email address</h1>
        </div>
        <div className="card">
          {confirm.isSuccess ? (
            <div role="status">
              <p>
                Done. You now sign in with <strong>{confirm.data}</strong>, and we have let your old address know.
              </p>
              <Link className="button button--primary" to={next?.to ?? '/signin'}>
                {next?.label ?? 'Sign in'}
              </Link>
            </div>
          ) : confirm.isError ? (
            <div role="alert">
              <p>{errorMessage(confirm.error, 'Something went wrong. Your address is unchanged; please try again.')}</p>
              <p>Your email address is unchanged. You can ask for a new link on your account page.</p>
              <Link className="button" to="/account">
                Your account
              </Link>
            </div>
          ) : (
            <>
              <p>Press the button to sign in with this new address from now on. Your password stays the same.</p>
              <button
                type="button"
                className="button button--primary"
                onClick={() => confirm.mutate()}
                disabled={confirm.isPending}
              >
                {confirm.isPending ? 'Confirming…' : 'Use my new address'}
              </button>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
