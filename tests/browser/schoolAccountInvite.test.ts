/**
 * A coach new to Tandem signs in with the school's OpenID provider (a real `oidc-provider` on port 0), which
 * makes their account; invites a teacher by email from the home page; the teacher follows the link in the mail
 * a real SMTP server received, creates an account and accepts; both then see the partnership.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { uniqueEmail } from '../helpers/factories.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import type { TestServerOptions } from '../helpers/testServer.js';

const BUTTON = 'Sign in with your school account';

describe('a coach from the school’s sign-in invites a teacher by email', () => {
  let idp: TestOidcProvider;
  let smtp: TestSmtpServer;
  const options: TestServerOptions & { env: Record<string, string> } = { env: {} };
  beforeAll(async () => {
    idp = await startOidcProvider();
    smtp = await startSmtpServer();
    Object.assign(options.env, idp.env, { SMTP_URL: smtp.url });
  });
  const suite = browserSuite(options);
  beforeAll(() => idp.register(`${suite.server.url}/api/auth/oidc/callback`));
  afterAll(async () => {
    await smtp?.stop();
    await idp?.stop();
  });

  /** Errors on Tandem's own pages, leaving out the provider's page and "who is signed in?" while signed out. */
  const tandemErrors = (errors: string[]) =>
    errors.filter((e) => !e.includes(idp.issuer) && !/status of 401 .*\/api\/me\)$/.test(e));

  async function signInWithSchool(page: Page, login: string): Promise<void> {
    await page.goto('/signin');
    await page.getByRole('link', { name: BUTTON }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByLabel('Login name').fill(login);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === suite.server.url);
  }

  it('and the teacher accepts from the mail', { timeout: 180_000 }, async () => {
    idp.people.set('asha', { email: 'asha.coach@school.test', email_verified: true, name: 'Asha Mensah' });
    const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const coachErrors = recordPageErrors(coach.page, 'coach');
    await signInWithSchool(coach.page, 'asha');
    await coach.page.getByRole('heading', { name: 'Hello, Asha' }).waitFor();

    const teacherAddress = uniqueEmail('teacher');
    await coach.page.getByRole('radio', { name: /^Coach/ }).check();
    await coach.page.getByLabel('Your teacher’s email address (optional)').fill(teacherAddress);
    await coach.page.getByRole('button', { name: 'Invite my teacher' }).click();
    await coach.page.getByText(`We are emailing this link to ${teacherAddress}`).waitFor();
    await screenshot(coach.page, 'school-coach-invites-by-email');

    const mail = await smtp.next(teacherAddress);
    expect(mail.subject).toBe('Asha Mensah has invited you to Tandem');
    expect(mail.text).toContain('coach');
    const link = linkIn(mail, `${suite.server.url}/invite/`);

    const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const teacherErrors = recordPageErrors(teacher.page, 'teacher');
    await teacher.page.goto(link);
    await teacher.page
      .getByRole('heading', { name: 'Asha Mensah has invited you to work together in Tandem' })
      .waitFor();
    await teacher.page.getByLabel('Name').fill('Kit Teacher');
    await teacher.page.getByLabel('Email').fill(teacherAddress);
    await teacher.page.getByLabel('Password').fill('a long classroom passphrase');
    await teacher.page.getByRole('button', { name: 'Create account' }).click();
    await teacher.page.getByRole('button', { name: 'Accept' }).click();
    await teacher.page.getByRole('heading', { name: 'Coaching with Asha Mensah' }).waitFor();
    await screenshot(teacher.page, 'school-teacher-accepted');

    // The coach's home shows the new partnership without a reload.
    await coach.page.getByText('Kit Teacher').first().waitFor();
    expect(tandemErrors(coachErrors)).toEqual([]);
    expect(tandemErrors(teacherErrors)).toEqual([]);
    await coach.context.close();
    await teacher.context.close();
  });
});
