/**
 * A forgotten password: ask for a link (`/forgot-password`), then set a new
 * password from it (`/reset-password/:token`). What the first page says after
 * asking is the same whether or not the address has an account.
 */
import { Link, useParams } from 'react-router';
import {
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  type PasswordResetConfirm,
} from '../../../shared/accountMail.js';
import { requestPasswordReset, resetPassword } from '../api/accountEndpoints.js';
import { ApiError } from '../api/http.js';
import { useSession } from '../auth/session.js';
import { Field } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { bySchema, useFormCommand, type FormCheck } from '../components/useFormCommand.js';
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
  const ask = useFormCommand(bySchema(PasswordResetRequestSchema), {
    send: ({ email }) => requestPasswordReset(email),
    fallback: 'Something went wrong. Please try again.',
  });
  const sentTo = ask.done ? (ask.sent?.email ?? null) : null;
  const { submit, busy, formError } = ask;
  const error = ask.errors.email;

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
                <button type="button" className="link-button" onClick={ask.reset}>
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
  const check: FormCheck<PasswordResetConfirm> = (values) => {
    if (values.password !== values.again) return { errors: { again: 'The two passwords are not the same' } };
    const parsed = PasswordResetConfirmSchema.safeParse({ token, password: values.password });
    if (!parsed.success) return { errors: { password: parsed.error.issues[0]?.message ?? 'Check the password' } };
    return { body: parsed.data };
  };
  const reset = useFormCommand(check, {
    send: (body) => resetPassword(body.token, body.password),
    fallback: 'Something went wrong. Your password is unchanged; please try again.',
    // Every session has ended, this browser's too.
    onSuccess: () => session.status === 'signedIn' && expired(),
  });
  const { done, errors, busy, submit } = reset;
  const linkGone = reset.error instanceof ApiError && reset.error.status === 410;
  const formError = linkGone ? null : reset.formError;

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
