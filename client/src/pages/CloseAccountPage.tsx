/**
 * Where the link to delete an account lands (`/close-account/:token`). It asks
 * for a press rather than acting on arrival, so a mail program that opens
 * links to check them deletes nothing.
 */
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmAccountClosure } from '../api/accountEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { Layout } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import styles from './AccountPage.module.css';

export function CloseAccountPage() {
  useDocumentTitle('Delete your account');
  const token = useParams().token ?? '';
  const navigate = useNavigate();
  const confirm = useMutation({
    mutationFn: () => confirmAccountClosure(token),
    onSuccess: () => navigate('/account-closed', { replace: true, state: { closed: true } }),
  });
  // Still busy once deleted, while the next page opens.
  const busy = confirm.isPending || confirm.isSuccess;

  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Delete your account</h1>
        </div>
        <div className="card">
          {confirm.isError ? (
            <div role="alert">
              <p>{errorMessage(confirm.error, 'Something went wrong. Your account is unchanged.')}</p>
              <p>Your account is still here. You can ask for a new link on your account page.</p>
              <Link className="button" to="/account">
                Your account
              </Link>
            </div>
          ) : (
            <>
              <p>
                Your name and email address are removed straight away, and you are signed out everywhere. This cannot be
                undone.
              </p>
              <p>
                The notes you wrote with a partner stay with them, shown as written by “Former partner”. If you want a
                copy first, <Link to="/account">download everything</Link> from your account page before you press the
                button.
              </p>
              <div className={styles.actions}>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => confirm.mutate()}
                  disabled={busy}
                >
                  {busy ? 'Deleting…' : 'Delete my account'}
                </button>
                <Link className="button button--quiet" to="/">
                  Keep my account
                </Link>
              </div>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
