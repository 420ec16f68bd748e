/**
 * The account page's "Your details": the name your partners see (they see a
 * new one at once), the email address you sign in with (changed once you
 * follow the link sent to the new one), and your password (other devices are
 * signed out; this one stays).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import {
  ChangeEmailRequestSchema,
  ChangeNameRequestSchema,
  ChangePasswordRequestSchema,
} from '../../../shared/accountMail.js';
import { changeName, changePassword, requestEmailChange } from '../api/accountEndpoints.js';
import { ApiError } from '../api/http.js';
import { useSession, useUser } from '../auth/session.js';
import { Field } from '../components/Field.js';
import styles from './AccountPage.module.css';

type Errors = Record<string, string>;

/** A small form: checked with the server's schema, sent, then a confirmation or the server's words. */
function useSettingForm<S extends z.ZodType>(schema: S, send: (body: z.infer<S>) => Promise<string>) {
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = schema.safeParse(Object.fromEntries(new FormData(form)));
    setDone(null);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setDone(await send(parsed.data));
      form.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => (input.value = ''));
    } catch (e) {
      setErrors(
        e instanceof ApiError
          ? Object.keys(e.fields).length > 0
            ? e.fields
            : { form: e.message }
          : { form: 'Something went wrong. Nothing was changed; please try again.' },
      );
    } finally {
      setBusy(false);
    }
  };
  return { errors, done, busy, submit };
}

function Outcome({ done, error }: { done: string | null; error: string | undefined }) {
  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  return done ? (
    <p className={styles.done} role="status">
      {done}
    </p>
  ) : null;
}

function SettingCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={`card ${styles.card}`}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

export function AccountDetails() {
  const user = useUser();
  const { updated } = useSession();
  const name = useSettingForm(ChangeNameRequestSchema, async (body) => {
    updated(await changeName(body.name));
    return 'Saved. Your partners see your new name now.';
  });
  const email = useSettingForm(ChangeEmailRequestSchema, async (body) => {
    const sentTo = await requestEmailChange(body);
    return `Nearly there: we have emailed a link to ${sentTo}. Your address changes when you open it (within 24 hours).`;
  });
  const password = useSettingForm(ChangePasswordRequestSchema, async (body) => {
    await changePassword(body);
    return 'Your password is changed. Any other devices have been signed out; you stay signed in here.';
  });

  return (
    <section aria-labelledby="your-details-title" className={styles.yourData}>
      <h2 id="your-details-title">Your details</h2>

      <SettingCard title="Your name">
        <form className="form" onSubmit={name.submit} noValidate>
          <Field
            label="Name"
            name="name"
            autoComplete="name"
            hint="As your partners know you. They see a change straight away."
            defaultValue={user.name}
            error={name.errors.name}
          />
          <Outcome done={name.done} error={name.errors.form} />
          <div className={styles.actions}>
            <button type="submit" className="button" disabled={name.busy}>
              {name.busy ? 'Saving…' : 'Save my name'}
            </button>
          </div>
        </form>
      </SettingCard>

      <SettingCard title="Your email address">
        <p>
          You sign in with <strong>{user.email}</strong>. To change it, we send a link to the new address; nothing
          changes until you open it, and we let this address know once it has.
        </p>
        <form className="form" onSubmit={email.submit} noValidate>
          <Field label="New email address" name="email" type="email" autoComplete="email" error={email.errors.email} />
          <Field
            label="Current password"
            hint="To make sure it is really you."
            name="password"
            type="password"
            autoComplete="current-password"
            error={email.errors.password}
          />
          <Outcome done={email.done} error={email.errors.form} />
          <div className={styles.actions}>
            <button type="submit" className="button" disabled={email.busy}>
              {email.busy ? 'Sending…' : 'Send me a link'}
            </button>
          </div>
        </form>
      </SettingCard>

      <SettingCard title="Your password">
        <form className="form" onSubmit={password.submit} noValidate>
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={password.errors.currentPassword}
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters. Other devices signed in as you will be signed out."
            error={password.errors.newPassword}
          />
          <Outcome done={password.done} error={password.errors.form} />
          <div className={styles.actions}>
            <button type="submit" className="button" disabled={password.busy}>
              {password.busy ? 'Saving…' : 'Change my password'}
            </button>
          </div>
        </form>
      </SettingCard>
    </section>
  );
}
