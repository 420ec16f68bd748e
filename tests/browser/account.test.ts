/**
 * Your data, in a real browser: the teacher downloads everything from the
 * account page, then deletes their account (a wrong password first); the coach
 * then finds their shared notes still there, the teacher shown as "Former
 * partner", and no way to start a new meeting.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMER_PARTNER_NAME } from '../../shared/api.js';
import { launchBrowser, newPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const POLL = { timeout: 15_000, interval: 100 };

describe('your data, in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.resolve('dist/client/index.html'))) {
      throw new Error('The client is not built: run `npx vite build` (or `npm test`, which builds first).');
    }
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInAs(person: UserFixture) {
    const { context, page } = await newPerson(browser, { baseURL: server.url });
    const [name = '', value = ''] = person.cookie.split('=');
    await context.addCookies([{ name, value, url: server.url }]);
    return { context, page };
  }

  it(
    'downloads everything, deletes the account, and leaves the notes with the partner',
    { timeout: 120_000 },
    async () => {
      const coach = await buildUser(server, { name: 'Harriet Okafor' });
      const teacher = await buildUser(server, { name: 'Tomasz Rydell' });
      const fixture = await buildMeeting(server, await buildPartnership(server, { coach, teacher }), {
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
});
