/**
 * Linking a school sign-in to the Tandem account that already has its email.
 * `/link-account`: where the server sends the browser after such a sign-in; the
 * person gives the account's password, or has a single-use link emailed to it.
 * `/link-account/:token`: where that emailed link lands; linking waits for a
 * click, so a mail scanner opening the link links nothing.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { confirmLink, fetchAccountLink, linkWithPassword, sendLinkEmail } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { ApiError } from '../api/http.js';
import { queryKeys } from '../api/queryKeys.js';
import { safeNext } from '../auth/RequireUser.js';
import { useSession } from '../auth/session.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { Layout, Loading, PageMessage } from '../components/Layout.js';
import { useFormCommand } from '../components/useFormCommand.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDateTime } from '../format.js';

const isGone = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 410);

function StartAgain({ title }: { title: string }) {
  return (
    <PageMessage title={title}>
      <p>Links like this last 30 minutes and work once. Sign in with your school account again to get a new one.</p>
      <p>
        <Link to="/signin">Go to the sign-in page</Link>
      </p>
    </PageMessage>
  );
}

export function LinkAccountPage() {
  useDocumentTitle('Link your school account');
  const link = useQuery({ queryKey: queryKeys.accountLink(), queryFn: fetchAccountLink, retry: false });
  return (
    <Layout>
      {link.isPending && <Loading label="Looking up your account…" />}
      {link.isError &&
        (isGone(link.error) ? (
          <StartAgain title="There is nothing to link" />
        ) : (
          <ErrorMessage error={link.error} retry={() => void link.refetch()} />
        ))}
      {link.data && <LinkChoices email={link.data.email} expiresAt={link.data.expiresAt} />}
    </Layout>
  );
}

function LinkChoices({ email, expiresAt }: { email: string; expiresAt: string }) {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const link = useFormCommand(
    ({ password }) =>
      typeof password === 'string' && password !== ''
        ? { body: password }
        : { errors: { password: 'Enter your password' } },
    {
      send: linkWithPassword,
      fallback: 'Something went wrong. Please try again.',
      onSuccess: (user) => {
        signedIn(user);
        navigate(next, { replace: true });
      },
    },
  );
  // Still busy once linked, while the next page opens.
  const busy = link.busy || link.done;
  const passwordError = link.errors.password ?? link.formError;
  const submit = link.submit;
  const mail = useMutation({ mutationFn: sendLinkEmail });
  const sentTo = mail.data ?? null;
  const mailError = mail.isError ? errorMessage(mail.error, 'The email could not be sent. Please try again.') : null;

  return (
    <div className="auth">
      <div className="auth-intro">
        <p className="eyebrow">School sign-in</p>
        <h1>You already have a Tandem account</h1>
        <p className="lede">
          <strong>{email}</strong> has a Tandem account with a password. Show us it is yours once, and your school
          account will sign you in to it from now on. Your password keeps working too.
        </p>
      </div>
      <div className="card">
        <form className="form" onSubmit={submit} noValidate aria-label="Link with your password">
          <Field
            label="Your Tandem password"
            name="password"
            type="password"
            autoComplete="current-password"
            error={passwordError ?? undefined}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Linking…' : 'Link and sign in'}
          </button>
        </form>
      </div>
      <div className="auth-switch">
        {sentTo === null ? (
          <p>
            Forgot your password?{' '}
            <button type="button" className="link-button" onClick={() => mail.mutate()}>
              Email me a link instead
            </button>
          </p>
        ) : (
          <p role="status">
            We have emailed a link to <strong>{sentTo}</strong>. Open it to link your accounts.
          </p>
        )}
        {mailError && (
          <p className="form-error" role="alert">
            {mailError}
          </p>
        )}
        <p className="muted">This works until {formatDateTime(expiresAt)}.</p>
      </div>
    </div>
  );
}

export function ConfirmLinkPage() {
  useDocumentTitle('Link your school account');
  const { token = '' } = useParams();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const confirm = useMutation({
    mutationFn: () => confirmLink(token),
    onSuccess: (user) => {
      signedIn(user);
      navigate('/', { replace: true });
    },
  });
  // Still busy once linked, while the home page opens.
  const busy = confirm.isPending || confirm.isSuccess;
  const error = confirm.error;

  if (isGone(error)) {
    return (
      <Layout>
        <StartAgain title="This link cannot be used" />
      </Layout>
    );
  }
  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Link your school account</h1>
          <p className="lede">
            From now on, your school account will sign you in to your Tandem account. Your password keeps working too.
          </p>
        </div>
        <div className="card">
          {error !== null && (
            <p className="form-error" role="alert">
              {errorMessage(error)}
            </p>
          )}
          <button type="button" className="button button--primary" disabled={busy} onClick={() => confirm.mutate()}>
            {busy ? 'Linking…' : 'Link and sign in'}
          </button>
        </div>
      </div>
    </Layout>
  );
}
