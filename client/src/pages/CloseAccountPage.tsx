/**
 * Where the link to delete an account lands (`/close-account/:token`). It asks
 * for a press rather than acting on arrival, so a mail program that opens
 * links to check them deletes nothing.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmAccountClosure } from '../api/accountEndpoints.js';
import { ApiError } from '../api/http.js';
import { Layout } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import styles from './AccountPage.module.css';

export function CloseAccountPage() {
  useDocumentTitle('Delete your account');
  const token = useParams().token ?? '';
  const navigate = useNavigate();
  const [state, setState] = useState<{ step: 'ask' | 'busy' } | { step: 'failed'; message: string }>({
    step: 'ask',
  });

  const confirm = async () => {
    setState({ step: 'busy' });
    try {
      await confirmAccountClosure(token);
      navigate('/account-closed', { replace: true, state: { closed: true } });
    } catch (e) {
      const message = e instanceof ApiError ? e.message : 'Something went wrong. Your account is unchanged.';
      setState({ step: 'failed', message });
    }
  };

  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Delete your account</h1>
        </div>
        <div className="card">
          {state.step === 'failed' ? (
            <div role="alert">
              <p>{state.message}</p>
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
                  onClick={confirm}
                  disabled={state.step === 'busy'}
                >
                  {state.step === 'busy' ? 'Deleting…' : 'Delete my account'}
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
