/**
 * Visible voices in a real browser: coach and teacher (separate contexts) write
 * in the same section; on the coach's screen, "Show who wrote what" colours the
 * teacher's words in the teacher's colour and the coach's in the coach's, and
 * the section's balance bar tells the share of each.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMeeting, type UserFixture } from '../helpers/factories.js';
import { launchBrowser, lexicalCaretSettled, newPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const POLL = { timeout: 15_000, interval: 100 };

/** Signs the browser context in as a person made through the API. */
async function signIn(context: BrowserContext, server: TestServer, person: UserFixture): Promise<void> {
  const [name, value] = person.cookie.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
}

/** Text covered by a named highlight on the page. */
function highlighted(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    return h ? [...h].map((r) => (r as Range).toString()).join('|') : '';
  }, name);
}

describe('who wrote what', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("colours the teacher's words in the teacher's colour on the coach's screen", { timeout: 120_000 }, async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const c = await newPerson(browser, { baseURL: server.url, width: 1280 });
    const t = await newPerson(browser, { baseURL: server.url, width: 768 });
    await signIn(c.context, server, coach);
    await signIn(t.context, server, teacher);
    const coachErrors = recordPageErrors(c.page, 'coach');
    await Promise.all([c.page.goto(`/meetings/${meeting.id}`), t.page.goto(`/meetings/${meeting.id}`)]);

    const goal = (page: Page) => page.getByRole('textbox', { name: 'Goal', exact: true });
    await goal(t.page).click();
    await t.page.keyboard.type('Every student explains one step');
    await expect.poll(() => goal(c.page).innerText(), POLL).toContain('Every student explains one step');
    await goal(c.page).click();
    await c.page.keyboard.press('Control+End');
    await lexicalCaretSettled(c.page);
    await c.page.keyboard.press('Enter');
    await c.page.keyboard.type('By half term');
    await expect.poll(() => goal(t.page).innerText(), POLL).toContain('By half term');

    await c.page.getByRole('button', { name: 'Show who wrote what' }).click();
    await expect.poll(() => highlighted(c.page, 'tandem-voice-teacher'), POLL).toBe('Every student explains one step');
    await expect.poll(() => highlighted(c.page, 'tandem-voice-coach'), POLL).toBe('By half term');
    await expect
      .poll(() => c.page.locator('[data-section="goal"] .balance').getAttribute('aria-label'), POLL)
      .toBe(`Written by ${coach.user.name} (coach) 28%, ${teacher.user.name} (teacher) 72%`);
    await expect.poll(() => c.page.getByText(`${teacher.user.name} (teacher)`).count(), POLL).toBeGreaterThan(0);
    await screenshot(c.page, 'voices-coach-1280');

    await c.page.getByRole('button', { name: 'Hide who wrote what' }).click();
    await expect.poll(() => highlighted(c.page, 'tandem-voice-teacher'), POLL).toBe('');
    expect(coachErrors).toEqual([]);
    await c.context.close();
    await t.context.close();
  });
});
