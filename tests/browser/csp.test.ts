/**
 * The Content-Security-Policy that helmet sends is one the built client
 * actually runs under: every page (signed out and in, an invitation, a
 * partnership, a live meeting with both partners typing and formatting) loads
 * and works without a single `securitypolicyviolation` event or CSP console
 * message in Chromium.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CreateInviteResponseSchema } from '../../shared/api.js';
import { SECTIONS } from '../../shared/sections.js';
import { POLL, newPerson, newSignedInPerson } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting, buildUser, type UserFixture } from '../helpers/factories.js';
import { type TestServer } from '../helpers/testServer.js';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records CSP violations from the very first script on every page of the context, and CSP console messages. */
async function watchCsp(context: BrowserContext, page: Page, label: string, violations: string[]): Promise<void> {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}`);
    });
  });
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(`[${label}] console: ${message.text()}`);
  });
}

async function collect(page: Page, label: string, violations: string[]): Promise<void> {
  const seen = await page.evaluate(() => window.__cspViolations ?? []);
  violations.push(...seen.map((v) => `[${label}] ${page.url()}: ${v}`));
}

const signedIn = (browser: Browser, server: TestServer, person: UserFixture) =>
  newSignedInPerson(browser, { baseURL: server.url, cookie: person.cookie });

describe('Content-Security-Policy in a real browser', () => {
  const suite = browserSuite();

  it('every page runs under the policy without a violation', { timeout: 120_000 }, async () => {
    const violations: string[] = [];
    const res = await fetch(suite.server.url);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'self'");

    // Signed out: sign-in and sign-up pages.
    const visitor = await newPerson(suite.browser, { baseURL: suite.server.url });
    await watchCsp(visitor.context, visitor.page, 'visitor', violations);
    for (const route of ['/signin', '/signup']) {
      await visitor.page.goto(route);
      await visitor.page.getByRole('heading').first().waitFor();
      await collect(visitor.page, 'visitor', violations);
    }

    // An invitation, as the invited person sees it.
    const inviter = await buildUser(suite.server, { name: 'Priya Shah' });
    const invite = CreateInviteResponseSchema.parse(
      (await inviter.client.post('/api/invites', { role: 'coach' })).body,
    );
    const invitee = await buildUser(suite.server, { name: 'Tom Okafor' });
    const guest = await signedIn(suite.browser, suite.server, invitee);
    await watchCsp(guest.context, guest.page, 'invitee', violations);
    await guest.page.goto(`/invite/${invite.token}`);
    await guest.page.getByRole('heading', { name: /Priya Shah has invited you/ }).waitFor();
    await collect(guest.page, 'invitee', violations);

    // Home, partnership and a live meeting, for both partners at once.
    const { coach, teacher, partnership, meeting } = await buildMeeting(suite.server);
    const people = await Promise.all(
      [coach, teacher].map(async (person, i) => {
        const label = i === 0 ? 'coach' : 'teacher';
        const { context, page } = await signedIn(suite.browser, suite.server, person);
        await watchCsp(context, page, label, violations);
        await page.goto('/');
        await page.getByRole('heading', { level: 1 }).waitFor();
        await collect(page, label, violations);
        await page.goto(`/partnerships/${partnership.id}`);
        await page.getByRole('heading', { name: /Coaching with/ }).waitFor();
        await collect(page, label, violations);
        await page.goto(`/meetings/${meeting.id}`);
        await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        return { page, label };
      }),
    );

    // Typing, formatting and seeing each other: inline styles, carets, websockets, all under the policy.
    const [coachPage, teacherPage] = people.map((p) => p.page) as [Page, Page];
    const title = SECTIONS[0].title;
    await coachPage.getByRole('textbox', { name: title, exact: true }).click();
    await coachPage.keyboard.type('Six of thirty hands went up.');
    await coachPage.keyboard.press('Control+A');
    await coachPage.keyboard.press('Control+B');
    await expect
      .poll(() => teacherPage.getByRole('textbox', { name: title, exact: true }).innerText(), POLL)
      .toContain('Six of thirty hands went up.');
    await expect.poll(() => coachPage.getByTestId('save-status').innerText(), POLL).toBe('Saved');
    for (const { page, label } of people) await collect(page, label, violations);

    expect(violations).toEqual([]);
    await visitor.context.close();
    await guest.context.close();
    for (const { page } of people) await page.context().close();
  });
});
