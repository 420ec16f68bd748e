/**
 * The account page's "Your details": the name your partners see (they see a
 * new one at once), the email address you sign in with (changed once you
 * follow the link sent to the new one), and your password (other devices are
 * signed out; this one stays).
 */
import type { ReactNode } from 'react';
import type { z } from 'zod';
import {
  ChangeEmailRequestSchema,
  ChangeNameRequestSchema,
  ChangePasswordRequestSchema,
} from '../../../shared/accountMail.js';
import { changeName, changePassword, requestEmailChange } from '../api/accountEndpoints.js';
import { useSession, useUser } from '../auth/session.js';
import { Field } from '../components/Field.js';
import { bySchema, useFormCommand } from '../components/useFormCommand.js';
import styles from './AccountPage.module.css';

/** A small form's command: checked with the server's schema, sent, then a confirmation or the server's words. */
function useSettingForm<S extends z.ZodType>(schema: S, send: (body: z.infer<S>) => Promise<string>) {
  return useFormCommand(bySchema(schema), {
    send,
    fallback: 'Something went wrong. Nothing was changed; please try again.',
    // A password is never left typed in the page.
    onSuccess: (_done, _body, form) =>
      form.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => (input.value = '')),
  });
}

/** One of "Your details": its card, the fields, what came of sending them, and the one button. */
function SettingForm({
  title,
  intro,
  setting,
  submit,
  busy,
  children,
}: {
  title: string;
  intro?: ReactNode;
  setting: ReturnType<typeof useSettingForm>;
  submit: string;
  busy: string;
  children: ReactNode;
}) {
  // The server's words go beside the fields they are about, and under the form only when about none.
  const error = Object.keys(setting.errors).length > 0 ? setting.errors.form : (setting.formError ?? undefined);
  return (
    <div className={`card ${styles.card}`}>
      <h3>{title}</h3>
      {intro}
      <form className="form" onSubmit={setting.submit} noValidate>
        {children}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          setting.answer !== undefined && (
            <p className={styles.done} role="status">
              {setting.answer}
            </p>
          )
        )}
        <div className={styles.actions}>
          <button type="submit" className="button" disabled={setting.busy}>
            {setting.busy ? busy : submit}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The password someone has now, asked for before a change that needs it. */
function CurrentPassword({ name, hint, error }: { name: string; hint?: string; error: string | undefined }) {
  return (
    <Field
      label="Current password"
      hint={hint}
      name={name}
      type="password"
      autoComplete="current-password"
      error={error}
    />
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

      <SettingForm title="Your name" setting={name} submit="Save my name" busy="Saving…">
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          hint="As your partners know you. They see a change straight away."
          defaultValue={user.name}
          error={name.errors.name}
        />
      </SettingForm>

      <SettingForm
        title="Your email address"
        intro={
          <p>
            You sign in with <strong>{user.email}</strong>. To change it, we send a link to the new address; nothing
            changes until you open it, and we let this address know once it has.
          </p>
        }
        setting={email}
        submit="Send me a link"
        busy="Sending…"
      >
        <Field label="New email address" name="email" type="email" autoComplete="email" error={email.errors.email} />
        <CurrentPassword name="password" hint="To make sure it is really you." error={email.errors.password} />
      </SettingForm>

      <SettingForm title="Your password" setting={password} submit="Change my password" busy="Saving…">
        <CurrentPassword name="currentPassword" error={password.errors.currentPassword} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Other devices signed in as you will be signed out."
          error={password.errors.newPassword}
        />
      </SettingForm>
    </section>
  );
}
