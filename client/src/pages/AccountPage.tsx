/**
 * Your account: your name, email address and password (`AccountDetails`), and
 * your data: download everything Tandem keeps that you can
 * see, or close your account (confirmed with your password, or by a link
 * emailed to you). Also the page
 * people land on once their account is closed.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { DeleteAccountRequestSchema } from '../../../shared/api.js';
import { requestAccountClosureLink } from '../api/accountEndpoints.js';
import { deleteAccount, EXPORT_URL } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { useSession, useUser } from '../auth/session.js';
import { Field } from '../components/Field.js';
import { Layout, PageMessage } from '../components/Layout.js';
import { bySchema, useFormCommand } from '../components/useFormCommand.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { RemindersPanel } from '../schedule/RemindersPanel.js';
import { AccountDetails } from './AccountDetails.js';
import styles from './AccountPage.module.css';

export function AccountPage() {
  const user = useUser();
  useDocumentTitle('Your account');

  return (
    <Layout>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link>
      </nav>
      <h1>Your account</h1>
      <p className="muted">
        Signed in as {user.name} ({user.email})
      </p>

      <p>
        <Link to="/schools">Your schools</Link>: join your school’s coaching programme, or start one.
      </p>
      <AccountDetails />
      <RemindersPanel />

      <section aria-labelledby="your-data-title" className={styles.yourData}>
        <h2 id="your-data-title">Your data</h2>
        <p>
          Your notes belong to you and the person you work with. No one else can read them: not your school, not a
          manager, not anyone who runs Tandem.
        </p>

        <div className={`card ${styles.card}`}>
          <h3>Download everything</h3>
          <p>
            A zip file with every meeting you are part of, each as a document you can open in any text editor, and one
            file holding all of it in a form other programs can read.
          </p>
          <a className="button" href={EXPORT_URL} download>
            Download everything
          </a>
        </div>

        <DeleteAccount />
      </section>
    </Layout>
  );
}

function DeleteAccount() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const remove = useFormCommand(bySchema(DeleteAccountRequestSchema), {
    send: ({ password }) => deleteAccount(password),
    fallback: 'Something went wrong. Your account is unchanged.',
    // Leave the signed-in pages first; the next page forgets the session, so nothing asks to sign in again.
    onSuccess: () => navigate('/account-closed', { replace: true, state: { closed: true } }),
  });
  const busy = remove.busy || remove.done;
  const error = remove.errors.password ?? remove.formError ?? undefined;
  const submit = remove.submit;

  return (
    <div className={`card ${styles.card}`}>
      <h3>Delete my account</h3>
      <p>
        Your name, email address and password are removed straight away, and you are signed out everywhere. This cannot
        be undone.
      </p>
      <p>
        The notes you wrote with a partner are theirs too, so they stay with them: they can still read and edit them,
        and will see you as “Former partner”. Neither of you can start new meetings in that partnership. You may like to
        download everything first.
      </p>
      {open ? (
        <form className="form" onSubmit={submit} noValidate>
          <Field
            label="Your password"
            hint="To make sure it is really you."
            name="password"
            type="password"
            autoComplete="current-password"
            error={error}
            autoFocus
          />
          <div className={styles.actions}>
            <button type="submit" className="button button--danger" disabled={busy}>
              {busy ? 'Deleting…' : 'Delete my account'}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)} disabled={busy}>
              Keep my account
            </button>
          </div>
          <ClosureByEmail />
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      )}
    </div>
  );
}

/** For someone who signs in with a school account and has no Tandem password: a link to their inbox instead. */
function ClosureByEmail() {
  const ask = useMutation({ mutationFn: requestAccountClosureLink });
  if (ask.isSuccess) {
    return (
      <p role="status" className={styles.sent}>
        We have sent a link to <strong>{ask.data}</strong>. Open it within 30 minutes to delete your account; nothing is
        deleted until you confirm there.
      </p>
    );
  }
  return (
    <div className={styles.byEmail}>
      <p className="muted">Do you sign in with Google or Microsoft and have no Tandem password?</p>
      <button type="button" className="button" onClick={() => ask.mutate()} disabled={ask.isPending}>
        {ask.isPending ? 'Sending…' : 'Email me a link instead'}
      </button>
      {ask.isError && (
        <p role="alert" className="form-error">
          {errorMessage(ask.error, 'We could not send the link. Please try again.')}
        </p>
      )}
    </div>
  );
}

/** Where someone lands once their account is closed. */
export function AccountClosedPage() {
  const { expired } = useSession();
  const closedHere = (useLocation().state as { closed?: boolean } | null)?.closed === true;
  useDocumentTitle('Account deleted');
  // The server has already ended the session; forget it here too.
  useEffect(() => {
    if (closedHere) expired();
  }, [closedHere, expired]);
  return (
    <Layout>
      <PageMessage title="Your account has been deleted">
        <p>Thank you for coaching with Tandem. Your details are gone; the notes you shared stay with your partner.</p>
        <p>
          <Link to="/signup">Create a new account</Link> whenever you like.
        </p>
      </PageMessage>
    </Layout>
  );
}
