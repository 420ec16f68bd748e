/**
 * A teacher who has forgotten their password sets a new one from the email a real SMTP server receives,
 * and signs in with it; then looks at their account's details and invites their coach by email.
 * Screenshots of each new page go to /tmp/shots-mail/ as well as test-results/screenshots/.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { newPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildUser, uniqueEmail } from '../helpers/factories.js';
import { linkIn, startSmtpServer } from '../helpers/smtpServer.js';

const SHOTS = '/tmp/shots-mail';
const smtp = await startSmtpServer();
afterAll(() => smtp.stop());

async function shot(page: Page, name: string): Promise<void> {
  const file = await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(file, path.join(SHOTS, `${name}.png`));
}

describe('a forgotten password, in the browser', () => {
  const suite = browserSuite({ env: { SMTP_URL: smtp.url } });

  it('sets a new password from the email and signs in with it', { timeout: 120_000 }, async () => {
    const teacher = await buildUser(suite.server, { name: 'Tomasz Rydell' });
    const { context, page } = await newPerson(suite.browser, { baseURL: suite.server.url });
    const errors = recordPageErrors(page, 'teacher');
    try {
      await page.goto('/signin');
      await page.getByRole('link', { name: 'Forgotten your password?' }).click();
      await page.getByRole('heading', { name: 'Forgotten your password?' }).waitFor();
      await page.getByLabel('Email').fill(teacher.email);
      await shot(page, 'forgot-password-request');
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await shot(page, 'forgot-password-sent');

      const mail = await smtp.next(teacher.email);
      const link = linkIn(mail, `${suite.server.url}/reset-password/`);
      await page.goto(link);
      await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill('my new classroom passphrase');
      await page.getByLabel('New password again').fill('my new classroom passphrase!');
      await page.getByRole('button', { name: 'Set my new password' }).click();
      await page.getByText('The two passwords are not the same').waitFor();
      await shot(page, 'reset-password-form');
      await page.getByLabel('New password again').fill('my new classroom passphrase');
      await page.getByRole('button', { name: 'Set my new password' }).click();
      await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();
      await shot(page, 'reset-password-done');

      await page.getByRole('link', { name: 'Sign in' }).first().click();
      await page.getByLabel('Email').fill(teacher.email);
      await page.getByLabel('Password').fill('my new classroom passphrase');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Hello, Tomasz' }).waitFor();

      // The link worked once.
      await page.goto(link);
      await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
      await page.getByLabel('New password again').fill('yet another passphrase');
      await page.getByRole('button', { name: 'Set my new password' }).click();
      await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
      await shot(page, 'reset-password-link-used');

      // Signed in again: the account's details, and an invitation by email.
      await page.goto('/account');
      await page.getByRole('heading', { name: 'Your details' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Tomasz Rydell-Okafor');
      await page.getByRole('button', { name: 'Save my name' }).click();
      await page.getByText('Saved. Your partners see your new name now.').waitFor();
      await page.getByRole('link', { name: 'Tomasz Rydell-Okafor' }).waitFor();
      await shot(page, 'account-settings');

      await page.goto('/');
      const coachAddress = uniqueEmail('coach');
      await page.getByRole('radio', { name: /^Teacher/ }).check();
      await page.getByLabel('Your coach’s email address (optional)').fill(coachAddress);
      await page.getByRole('button', { name: 'Invite my coach' }).click();
      await page.getByText(`We are emailing this link to ${coachAddress}`).waitFor();
      const invitation = await smtp.next(coachAddress);
      expect(invitation.subject).toBe('Tomasz Rydell-Okafor has invited you to Tandem');
      const shown = await page.getByLabel('Invitation link').inputValue();
      expect(linkIn(invitation, `${suite.server.url}/invite/`)).toBe(shown);
      await shot(page, 'invite-panel-email');
      // Expected: "who am I?" while signed out, and the used link's refusal.
      const expected = /status of (401 .*\/api\/me|410 .*\/api\/auth\/password-reset\/confirm)\)$/;
      expect(errors.filter((e) => !expected.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
