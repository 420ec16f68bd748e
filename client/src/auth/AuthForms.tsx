/**
 * Sign-up and sign-in forms, used on their own pages and inline on an
 * invitation. Input is checked with the same zod schemas the server uses, so
 * people see the same words whichever side catches a mistake.
 */
import type { z } from 'zod';
import { LoginRequestSchema, SignupRequestSchema, type User } from '../../../shared/api.js';
import { signIn, signUp } from '../api/endpoints.js';
import { Field } from '../components/Field.js';
import { bySchema, useFormCommand } from '../components/useFormCommand.js';
import { useSession } from './session.js';

function useAuthSubmit<S extends z.ZodType>(
  schema: S,
  call: (body: z.infer<S>) => Promise<User>,
  onDone?: (user: User) => void,
) {
  const { signedIn } = useSession();
  return useFormCommand(bySchema(schema), {
    send: call,
    fallback: 'Something went wrong. Please try again.',
    onSuccess: (user) => {
      signedIn(user);
      onDone?.(user);
    },
  });
}

function FormError({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

export function SignUpForm({
  onDone,
  submitLabel = 'Create account',
}: {
  onDone?: (user: User) => void;
  submitLabel?: string;
}) {
  const { errors, formError, busy, submit } = useAuthSubmit(SignupRequestSchema, signUp, onDone);
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create an account">
      <FormError message={formError} />
      <Field label="Name" name="name" autoComplete="name" hint="As your partner knows you." error={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. A short phrase is easy to remember."
        error={errors.password}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Creating your account…' : submitLabel}
      </button>
    </form>
  );
}

export function SignInForm({
  onDone,
  submitLabel = 'Sign in',
}: {
  onDone?: (user: User) => void;
  submitLabel?: string;
}) {
  const { errors, formError, busy, submit } = useAuthSubmit(LoginRequestSchema, signIn, onDone);
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
      <FormError message={formError} />
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing you in…' : submitLabel}
      </button>
    </form>
  );
}
