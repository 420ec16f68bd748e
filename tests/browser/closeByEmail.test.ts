/**
 * A teacher who signs in with a school account (no Tandem password) deletes
 * their account: the account page emails them a link, a real SMTP server
 * receives it, and the page it opens deletes the account once they confirm.
 * axe checks both new states; screenshots are kept.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildUser } from '../helpers/factories.js';
import { linkIn, startSmtpServer } from '../helpers/smtpServer.js';

const smtp = await startSmtpServer();
afterAll(() => smtp.stop());

describe('deleting an account by email, in the browser', () => {
  const suite = browserSuite({ env: { SMTP_URL: smtp.url } });

  it('emails a link from the account page and deletes the account once confirmed', { timeout: 120_000 }, async () => {
    const teacher = await buildUser(suite.server, { name: 'Niamh Okoro' });
    await suite.server.server.services.db
      .updateTable('users')
      .set({ password_hash: 'none:oidc' })
      .where('id', '=', teacher.user.id)
      .execute();
    const { context, page } = await newSignedInPerson(suite.browser, {
      baseURL: suite.server.url,
      cookie: teacher.cookie,
    });
    const errors = recordPageErrors(page, 'teacher');
    try {
      await page.goto('/account');
      await page.getByRole('button', { name: 'Delete my account…' }).click();
      await page.getByRole('button', { name: 'Email me a link instead' }).click();
      await page.getByRole('status').getByText(teacher.email).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'close-by-email-sent');

      const link = linkIn(await smtp.next(teacher.email), `${suite.server.url}/close-account/`);
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'Delete your account' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'close-by-email-confirm');
      await page.getByRole('button', { name: 'Delete my account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account has been deleted' }).waitFor();
      expect((await teacher.client.get('/api/me')).status).toBe(401);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
