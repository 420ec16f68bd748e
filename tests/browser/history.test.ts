/**
 * A meeting's history in a real browser, coach and teacher in separate
 * contexts: the coach writes the goal, a version is saved, the coach deletes
 * words; in History the coach opens the older version, compares it with now
 * and sees the deleted words marked as removed, then restores the section,
 * and the teacher's open meeting shows the words back at once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { VersionListResponseSchema } from '../../shared/history.js';
import { POLL, newSignedInPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting } from '../helpers/factories.js';
import { editor, text } from '../helpers/meetingPage.js';

const removedText = (page: Page) => page.locator('[data-testid="compare"] [data-section="goal"] del').allTextContents();

describe('a meeting’s history', () => {
  const suite = browserSuite();

  it(
    'shows an older version, marks what was removed since, and restores it live for the partner',
    { timeout: 120_000 },
    async () => {
      const { coach, teacher, meeting } = await buildMeeting(suite.server);
      const c = await newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: coach.cookie });
      const t = await newSignedInPerson(suite.browser, {
        baseURL: suite.server.url,
        cookie: teacher.cookie,
        width: 768,
      });
      const errors = [...recordPageErrors(c.page, 'coach'), ...recordPageErrors(t.page, 'teacher')];
      await Promise.all([c.page.goto(`/meetings/${meeting.id}`), t.page.goto(`/meetings/${meeting.id}`)]);

      await editor(c.page, 'goal').click();
      await c.page.keyboard.type('Every student explains their thinking aloud');
      await expect.poll(() => text(t.page, 'goal'), POLL).toBe('Every student explains their thinking aloud');

      // A version of the notes as they stand now (the server saves one every few minutes of editing).
      const versions = async () => {
        await suite.server.server.services.history.automatic.flush();
        const res = await coach.client.get(`/api/meetings/${meeting.id}/versions`);
        return VersionListResponseSchema.parse(res.body).versions.length;
      };
      await expect.poll(versions, POLL).toBeGreaterThan(0);

      await editor(c.page, 'goal').click();
      await c.page.keyboard.press('Control+End');
      for (let i = 0; i < ' thinking aloud'.length; i++) await c.page.keyboard.press('Backspace');
      await expect.poll(() => text(t.page, 'goal'), POLL).toBe('Every student explains their');

      await screenshot(c.page, 'history-meeting-link');
      await c.page.getByRole('link', { name: 'History', exact: true }).click();
      await expect.poll(() => c.page.url(), POLL).toContain(`/meetings/${meeting.id}/history`);
      await c.page
        .getByRole('link', { name: /Saved automatically/ })
        .last()
        .click();
      const then = c.page.locator('[data-testid="version-then"] [data-section="goal"]');
      await expect.poll(() => then.innerText(), POLL).toContain('Every student explains their thinking aloud');
      await expect.poll(() => then.innerText(), POLL).toContain(`Written by ${coach.user.name} (coach) 100%`);
      await screenshot(c.page, 'history-version');

      await c.page.getByRole('button', { name: 'Compare with now' }).click();
      await expect.poll(async () => (await removedText(c.page)).join(' '), POLL).toMatch(/thinking.*aloud/);
      await expect
        .poll(() => c.page.locator('[data-testid="compare"] [data-section="currentReality"]').innerText(), POLL)
        .toContain('No changes');
      await screenshot(c.page, 'history-compare');

      const goal = c.page.locator('[data-testid="compare"] [data-section="goal"]');
      await goal.getByRole('button', { name: 'Restore this section' }).click();
      await expect.poll(() => goal.innerText(), POLL).toContain(`${teacher.user.name} will see it as a change by you`);
      await goal.getByRole('button', { name: 'Restore the Goal' }).click();
      await expect
        .poll(() => c.page.getByRole('status').allInnerTexts(), POLL)
        .toContainEqual(expect.stringContaining('The Goal is back as it was'));
      await expect.poll(() => text(t.page, 'goal'), POLL).toBe('Every student explains their thinking aloud');
      await expect.poll(() => c.page.getByRole('link', { name: /Restored Goal/ }).count(), POLL).toBe(1);
      await expect.poll(() => goal.innerText(), POLL).toContain('No changes');
      await screenshot(c.page, 'history-restored');

      expect(errors).toEqual([]);
      await c.context.close();
      await t.context.close();
    },
  );
  it('shows on the agreement card what changed in the step since both agreed', { timeout: 120_000 }, async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const c = await newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: coach.cookie });
    const t = await newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: teacher.cookie });
    const errors = [...recordPageErrors(c.page, 'coach'), ...recordPageErrors(t.page, 'teacher')];
    await Promise.all([c.page.goto(`/meetings/${meeting.id}`), t.page.goto(`/meetings/${meeting.id}`)]);
    const status = (page: Page) => page.getByTestId('agreement-status').innerText();

    await editor(t.page, 'actionStep').click();
    await t.page.keyboard.type('Ask one student to explain their method');
    await expect.poll(() => text(c.page, 'actionStep'), POLL).toBe('Ask one student to explain their method');
    await t.page.getByLabel('Check back on').fill('2026-12-10');
    await expect.poll(() => c.page.getByLabel('Check back on').inputValue(), POLL).toBe('2026-12-10');
    for (const page of [c.page, t.page]) {
      await page.getByRole('button', { name: 'I agree' }).click();
    }
    for (const page of [c.page, t.page]) {
      await expect.poll(() => status(page), POLL).toMatch(/^✓ Agreed by you and/);
    }

    await editor(c.page, 'actionStep').click();
    await c.page.keyboard.press('Control+End');
    await c.page.keyboard.type(' twice a lesson');
    await c.page.getByLabel('Check back on').fill('2026-12-17');
    const changed = t.page.getByTestId('changed-since-agreed');
    await expect
      .poll(() => changed.locator('ins').allTextContents(), POLL)
      .toEqual([expect.stringContaining('twice a lesson'), expect.stringContaining('17 December 2026')]);
    await expect
      .poll(() => changed.locator('del').allTextContents(), POLL)
      .toEqual([expect.stringContaining('10 December 2026')]);
    await t.page.getByTestId('step-agreement').scrollIntoViewIfNeeded();
    await screenshot(t.page, 'history-changed-since-agreed');

    expect(errors).toEqual([]);
    await c.context.close();
    await t.context.close();
  });
});
