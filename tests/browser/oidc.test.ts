/**
 * Signing in with the school's OpenID Connect provider in Chromium: the button
 * on the sign-in page, the provider's own login page (a real `oidc-provider` on
 * port 0), back to Tandem and home; linking an existing password account on the
 * link page, by password and by the emailed link (a real SMTP server); and the
 * sign-in page's words for a refused sign-in. Screenshots go to /tmp/shots-oidc/.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL, newPerson, recordPageErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildPartnership, buildUser, DEFAULT_PASSWORD } from '../helpers/factories.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import type { TestServerOptions } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots-oidc';
const BUTTON = 'Sign in with Test School';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('signing in with a school account', () => {
  let idp: TestOidcProvider;
  let smtp: TestSmtpServer;
  const options: TestServerOptions & { env: Record<string, string> } = { env: {} };
  // Runs before the suite's own set-up, which starts Tandem with these settings.
  beforeAll(async () => {
    idp = await startOidcProvider();
    smtp = await startSmtpServer();
    Object.assign(options.env, idp.env, {
      OIDC_DISPLAY_NAME: BUTTON,
      OIDC_ALLOWED_DOMAINS: 'school.test',
      SMTP_URL: smtp.url,
    });
  });
  const suite = browserSuite(options);
  beforeAll(() => idp.register(`${suite.server.url}/api/auth/oidc/callback`));
  afterAll(async () => {
    await smtp?.stop();
    await idp?.stop();
  });

  /** From Tandem's sign-in page through the provider's login page as `login`. */
  async function throughProvider(page: Page, login: string): Promise<void> {
    await page.goto('/signin');
    await page.getByRole('link', { name: BUTTON }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole('heading', { name: 'Test school sign-in' }).waitFor();
    await page.getByLabel('Login name').fill(login);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === suite.server.url);
  }

  /**
   * Uncaught errors and console errors of Tandem's pages, leaving out the provider's page (not ours), the 401 of
   * asking who is signed in while signed out, and the 400 of the wrong password this test types on purpose.
   */
  const tandemErrors = (errors: string[]) =>
    errors.filter(
      (e) =>
        !e.includes(idp.issuer) &&
        !/status of 401 .*\/api\/me\)$/.test(e) &&
        !/status of 400 .*\/api\/auth\/oidc\/link\/password\)$/.test(e),
    );

  it(
    'a coach links their password account once, then signs in with the provider straight to their home',
    { timeout: 120_000 },
    async () => {
      const coach = await buildUser(suite.server, { name: 'Rosa Coach', email: 'rosa@school.test' });
      const teacher = await buildUser(suite.server, { name: 'Tom Teacher' });
      await buildPartnership(suite.server, { coach, teacher });
      idp.people.set('rosa', { email: 'rosa@school.test', email_verified: true, name: 'Rosa at School' });

      const first = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const errors = recordPageErrors(first.page, 'coach');
      await first.page.goto('/signin');
      await first.page.getByRole('link', { name: BUTTON }).waitFor();
      await shot(first.page, '1-signin-with-button');

      await throughProvider(first.page, 'rosa');
      await first.page.getByRole('heading', { name: 'You already have a Tandem account' }).waitFor();
      expect(new URL(first.page.url()).pathname).toBe('/link-account');
      await expect.poll(() => first.page.getByText('rosa@school.test').count(), POLL).toBeGreaterThan(0);
      await shot(first.page, '2-link-account');

      await first.page.getByLabel('Your Tandem password').fill('not my password');
      await first.page.getByRole('button', { name: 'Link and sign in' }).click();
      await first.page.getByText('That is not the password of this account').waitFor();
      await shot(first.page, '3-link-account-wrong-password');
      await first.page.getByLabel('Your Tandem password').fill(DEFAULT_PASSWORD);
      await first.page.getByRole('button', { name: 'Link and sign in' }).click();
      await first.page.getByRole('heading', { name: 'Hello, Rosa' }).waitFor();
      expect(new URL(first.page.url()).pathname).toBe('/');
      await first.page.getByText('Tom Teacher').first().waitFor();
      expect(tandemErrors(errors)).toEqual([]);
      await first.context.close();

      // Another day, another browser: the provider alone signs her in, to her home.
      const later = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const laterErrors = recordPageErrors(later.page, 'coach later');
      await throughProvider(later.page, 'rosa');
      await later.page.getByRole('heading', { name: 'Hello, Rosa' }).waitFor();
      expect(new URL(later.page.url()).pathname).toBe('/');
      await later.page.getByText('Tom Teacher').first().waitFor();
      await shot(later.page, '4-home-after-provider-sign-in');
      expect(tandemErrors(laterErrors)).toEqual([]);
      await later.context.close();
    },
  );

  it('links through the emailed link, which waits for a click', { timeout: 120_000 }, async () => {
    await buildUser(suite.server, { name: 'Mia Coach', email: 'mia@school.test' });
    idp.people.set('mia', { email: 'mia@school.test', email_verified: true, name: 'Mia at School' });
    const asker = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    await throughProvider(asker.page, 'mia');
    await asker.page.getByRole('button', { name: 'Email me a link instead' }).click();
    await asker.page.getByRole('status').filter({ hasText: 'We have emailed a link to mia@school.test' }).waitFor();
    await shot(asker.page, '5-link-email-sent');
    await asker.context.close();

    const mail = await smtp.next('mia@school.test');
    const opener = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const errors = recordPageErrors(opener.page, 'opener');
    await opener.page.goto(linkIn(mail, `${suite.server.url}/link-account/`));
    await opener.page.getByRole('heading', { name: 'Link your school account' }).waitFor();
    await shot(opener.page, '6-confirm-link');
    await opener.page.getByRole('button', { name: 'Link and sign in' }).click();
    await opener.page.getByRole('heading', { name: 'Hello, Mia' }).waitFor();
    expect(tandemErrors(errors)).toEqual([]);
    await opener.context.close();
  });

  it(
    'says why on the sign-in page when the provider’s email is unverified or from another school',
    { timeout: 120_000 },
    async () => {
      const person = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      await throughProvider(person.page, 'una.unverified');
      await person.page.getByRole('alert').filter({ hasText: 'email address is not verified' }).waitFor();
      expect(new URL(person.page.url()).pathname).toBe('/signin');
      await person.page.getByRole('link', { name: BUTTON }).waitFor();
      await shot(person.page, '7-signin-refused-unverified');

      await person.context.clearCookies();
      await throughProvider(person.page, 'olga.outside');
      await person.page.getByRole('alert').filter({ hasText: 'own school’s email domains' }).waitFor();
      await shot(person.page, '8-signin-refused-domain');
      await person.context.close();
    },
  );
});
