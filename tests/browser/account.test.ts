/**
 * Your data, in a real browser: the teacher downloads everything from the
 * account page, then deletes their account (a wrong password first); the coach
 * then finds their shared notes still there, the teacher shown as "Former
 * partner", and no way to start a new meeting. A wrong current password is
 * refused by its field and changes nothing; a new name is saved and shown.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FORMER_PARTNER_NAME } from '../../shared/api.js';
import { POLL, newSignedInPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';

describe('your data, in the browser', () => {
  const suite = browserSuite();

  const signedInAs = (person: UserFixture) =>
    newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: person.cookie });

  it(
    'downloads everything, deletes the account, and leaves the notes with the partner',
    { timeout: 120_000 },
    async () => {
      const coach = await buildUser(suite.server, { name: 'Harriet Okafor' });
      const teacher = await buildUser(suite.server, { name: 'Tomasz Rydell' });
      const fixture = await buildMeeting(suite.server, await buildPartnership(suite.server, { coach, teacher }), {
        title: 'Checking for understanding',
      });
      const contexts: BrowserContext[] = [];
      const errors: string[] = [];
      try {
        const t = await signedInAs(teacher);
        contexts.push(t.context);
        errors.push(...recordPageErrors(t.page, 'teacher'));
        // The teacher writes in the shared notes, which must outlive their account.
        await t.page.goto(`/meetings/${fixture.meeting.id}`);
        await t.page.getByRole('textbox', { name: 'Goal', exact: true }).click();
        await t.page.keyboard.type('Mini whiteboards every lesson');
        await expect.poll(() => t.page.getByTestId('save-status').innerText(), POLL).toBe('Saved');

        await t.page.getByRole('link', { name: 'Tomasz Rydell' }).click();
        await t.page.getByRole('heading', { name: 'Your data' }).waitFor();

        const [download] = await Promise.all([
          t.page.waitForEvent('download'),
          t.page.getByRole('link', { name: 'Download everything' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^tandem-export-\d{4}-\d{2}-\d{2}\.zip$/);

        await t.page.getByRole('button', { name: 'Delete my account…' }).click();
        await t.page.getByLabel('Your password').fill('not my password at all');
        await t.page.getByRole('button', { name: 'Delete my account', exact: true }).click();
        await t.page.getByText('That is not your password').waitFor();
        await screenshot(t.page, 'account-delete-confirm');

        await t.page.getByLabel('Your password').fill(teacher.password);
        await t.page.getByRole('button', { name: 'Delete my account', exact: true }).click();
        await t.page.getByRole('heading', { name: 'Your account has been deleted' }).waitFor();
        await t.page.goto('/');
        await t.page.waitForURL(/\/signin/);

        const c = await signedInAs(coach);
        contexts.push(c.context);
        errors.push(...recordPageErrors(c.page, 'coach'));
        await c.page.goto(`/partnerships/${fixture.partnership.id}`);
        await c.page.getByRole('heading', { name: `Coaching with ${FORMER_PARTNER_NAME}` }).waitFor();
        await c.page.getByTestId('partnership-closed').waitFor();
        expect(await c.page.getByRole('button', { name: 'Start a meeting' }).count()).toBe(0);
        await c.page.getByText('Checking for understanding').click();
        await c.page.getByText('Mini whiteboards every lesson', { exact: true }).waitFor();
        await screenshot(c.page, 'account-closed-partner-view');
        expect(errors).toEqual([]);
      } finally {
        for (const context of contexts) await context.close();
      }
    },
  );

  it('refuses a wrong current password by its field, and saves a new name', { timeout: 120_000 }, async () => {
    const person = await buildUser(suite.server, { name: 'Aoife Brennan' });
    const { context, page } = await signedInAs(person);
    const errors = recordPageErrors(page, 'person');
    try {
      await page.goto('/account');
      const passwordCard = page
        .locator('form')
        .filter({ has: page.getByRole('button', { name: 'Change my password' }) });
      await passwordCard.getByLabel('Current password').fill('not my password at all');
      await passwordCard.getByLabel('New password').fill('a brand new classroom passphrase');
      await passwordCard.getByRole('button', { name: 'Change my password' }).click();
      await passwordCard.getByText('That is not your current password').waitFor();
      await expect.poll(() => passwordCard.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
      // Nothing changed: the old password still signs in.
      const signIn = await new HttpClient(suite.server.url).post('/api/auth/login', {
        email: person.email,
        password: person.password,
      });
      expect(signIn.status).toBe(200);

      await page.getByLabel('Name', { exact: true }).fill('Aoife Brennan-Walsh');
      await page.getByRole('button', { name: 'Save my name' }).click();
      await page.getByText('Saved. Your partners see your new name now.').waitFor();
      await page.getByRole('link', { name: 'Aoife Brennan-Walsh' }).waitFor();
      await screenshot(page, 'account-details-refused-and-saved');
      // The refusal itself is the one console line (the browser logs every 4xx).
      expect(errors.filter((e) => !/status of 400 .*\/api\/me\/password/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
