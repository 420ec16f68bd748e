/**
 * A forgotten password: ask for a link (`/forgot-password`), then set a new
 * password from it (`/reset-password/:token`). What the first page says after
 * asking is the same whether or not the address has an account.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { PasswordResetConfirmSchema, PasswordResetRequestSchema } from '../../../shared/accountMail.js';
import { requestPasswordReset, resetPassword } from '../api/accountEndpoints.js';
import { ApiError } from '../api/http.js';
import { useSession } from '../auth/session.js';
import { Field } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';

function FormError({ message }: { message: string | null }) {
  return message === null ? null : (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

export function ForgotPasswordPage() {
  useDocumentTitle('Forgotten your password?');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = PasswordResetRequestSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    setFormError(null);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await requestPasswordReset(parsed.data.email);
      setSentTo(parsed.data.email);
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>Forgotten your password?</h1>
          <p className="lede">It happens. We will email you a link to set a new one.</p>
        </div>
        <div className="card">
          {sentTo === null ? (
            <form className="form" onSubmit={submit} noValidate aria-label="Ask for a new password">
              <FormError message={formError} />
              <Field
                label="Email"
                name="email"
                type="email"
                autoComplete="email"
                hint="The address you sign in to Tandem with."
                error={error}
                autoFocus
              />
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? 'Sending…' : 'Email me a link'}
              </button>
            </form>
          ) : (
            <div role="status">
              <h2>Check your email</h2>
              <p>
                If <strong>{sentTo}</strong> belongs to a Tandem account, a link to set a new password is on its way
                there now. It works once, for 30 minutes.
              </p>
              <p className="muted">
                Nothing after a few minutes? Look in your junk folder, check the address, or{' '}
                <button type="button" className="link-button" onClick={() => setSentTo(null)}>
                  try again
                </button>
                .
              </p>
            </div>
          )}
        </div>
        <p className="auth-switch">
          Remembered it? <Link to="/signin">Sign in</Link>
        </p>
      </div>
    </Layout>
  );
}

export function ResetPasswordPage() {
  useDocumentTitle('Set a new password');
  const token = useParams().token ?? '';
  const { session, expired } = useSession();
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [linkGone, setLinkGone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    setFormError(null);
    if (values.password !== values.again) {
      setErrors({ again: 'The two passwords are not the same' });
      return;
    }
    const parsed = PasswordResetConfirmSchema.safeParse({ token, password: values.password });
    if (!parsed.success) {
      setErrors({ password: parsed.error.issues[0]?.message ?? 'Check the password' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await resetPassword(parsed.data.token, parsed.data.password);
      // Every session has ended, this browser's too.
      if (session.status === 'signedIn') expired();
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) setLinkGone(true);
      else if (e instanceof ApiError) {
        setErrors(e.fields);
        setFormError(e.message);
      } else setFormError('Something went wrong. Your password is unchanged; please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout>
      <div className="auth">
        <div className="auth-intro">
          <h1>{done ? 'Your password is changed' : 'Set a new password'}</h1>
          {!done && !linkGone && (
            <p className="lede">Once it is set, you will be signed out everywhere and can sign in with it.</p>
          )}
        </div>
        <div className="card">
          {done ? (
            <div role="status">
              <p>You have been signed out on every device, to be safe. Sign in with your new password to carry on.</p>
              <Link className="button button--primary" to="/signin">
                Sign in
              </Link>
            </div>
          ) : linkGone ? (
            <div role="alert">
              <h2>This link no longer works</h2>
              <p>
                Links to set a new password work once, for 30 minutes, and only the newest one works. If you have
                already set a new password with this one, sign in with it; otherwise your password is unchanged.
              </p>
              <Link className="button button--primary" to="/forgot-password">
                Send me a new link
              </Link>
            </div>
          ) : (
            <form className="form" onSubmit={submit} noValidate aria-label="Set a new password">
              <FormError message={formError} />
              <Field
                label="New password"
                name="password"
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters. A short phrase is easy to remember."
                error={errors.password}
                autoFocus
              />
              <Field
                label="New password again"
                name="again"
                type="password"
                autoComplete="new-password"
                error={errors.again}
              />
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? 'Saving…' : 'Set my new password'}
              </button>
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}
