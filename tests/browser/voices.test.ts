/**
 * Visible voices in a real browser: coach and teacher (separate contexts) write
 * in the same section; on the coach's screen, "Show who wrote what" colours the
 * teacher's words in the teacher's colour and the coach's in the coach's, and
 * the section's balance bar tells the share of each.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildMeeting } from '../helpers/factories.js';
import {
  POLL,
  lexicalCaretSettled,
  newPerson,
  recordPageErrors,
  screenshot,
  signInWithCookie,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';

/** Text covered by a named highlight on the page. */
function highlighted(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    return h ? [...h].map((r) => (r as Range).toString()).join('|') : '';
  }, name);
}

describe('who wrote what', () => {
  const suite = browserSuite();

  it("colours the teacher's words in the teacher's colour on the coach's screen", { timeout: 120_000 }, async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const c = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const t = await newPerson(suite.browser, { baseURL: suite.server.url, width: 768 });
    await signInWithCookie(c.context, suite.server.url, coach.cookie);
    await signInWithCookie(t.context, suite.server.url, teacher.cookie);
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
