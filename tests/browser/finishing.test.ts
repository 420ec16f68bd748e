/**
 * Finishing and reopening a meeting in two browsers: the coach finishes, the
 * teacher's notes and coaching controls turn read-only and the page says so;
 * the teacher reopens and the coach sees who did, with the notes editable
 * again. Printing the meeting leaves every toolbar and button off the paper.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SECTIONS } from '../../shared/sections.js';
import { POLL, SCREENSHOT_DIR, newPerson, recordPageErrors, screenshot, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { editor, text } from '../helpers/meetingPage.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';

const GOAL = 'Most of 9X try two strategies before asking for help.';
const STEP = 'Use the three-step prompt before helping.';

const editable = (page: Page) => editor(page, 'goal').getAttribute('contenteditable');

describe('finishing and reopening a meeting in two browsers', () => {
  const suite = browserSuite();

  it('finish, read-only for both, reopen, and print', { timeout: 180_000 }, async () => {
    const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
    const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
    const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
    const { meeting } = await buildMeeting(suite.server, partners);

    const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const coachErrors = recordPageErrors(coach.page, 'coach');
    const teacherErrors = recordPageErrors(teacher.page, 'teacher');
    await signInWithCookie(coach.context, suite.server.url, coachUser.cookie);
    await signInWithCookie(teacher.context, suite.server.url, teacherUser.cookie);

    try {
      for (const page of [coach.page, teacher.page]) {
        await page.goto(`/meetings/${meeting.id}`);
        await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        await editor(page, 'goal').waitFor();
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL)
          .toMatch(/^Meeting 1 · \w{3} \d{1,2} \w+ \d{4}$/);
      }

      // They write together, then the coach finishes the meeting.
      await editor(teacher.page, 'goal').click();
      await teacher.page.keyboard.type(GOAL);
      await editor(coach.page, 'actionStep').click();
      await coach.page.keyboard.type(STEP);
      await expect.poll(() => text(coach.page, 'goal'), POLL).toBe(GOAL);
      await expect.poll(() => text(teacher.page, 'actionStep'), POLL).toBe(STEP);
      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
      }

      await coach.page.getByRole('button', { name: 'Finish meeting' }).click();
      await coach.page.getByRole('button', { name: 'Yes, finish it' }).click();
      await expect
        .poll(() => coach.page.getByTestId('finished-banner').innerText(), POLL)
        .toMatch(/^Finished on .+ by you\. The notes are kept as they were agreed\./);
      expect(await coach.page.getByTestId('meeting-badges').innerText()).toContain('Finished');

      // The teacher sees it at once: read-only, and said so.
      const banner = teacher.page.getByTestId('finished-banner');
      await expect.poll(() => banner.innerText(), POLL).toMatch(/Finished on .+ by Priya Shah\./);
      for (const section of SECTIONS) {
        await expect.poll(() => editor(teacher.page, section.id).getAttribute('contenteditable'), POLL).toBe('false');
      }
      await expect.poll(() => editable(coach.page), POLL).toBe('false');
      expect(await teacher.page.getByRole('checkbox', { name: 'Student-focused' }).isDisabled()).toBe(true);
      expect(await teacher.page.getByRole('button', { name: 'Finish meeting' }).count()).toBe(0);

      // Typing changes nothing.
      await editor(teacher.page, 'goal').click();
      await teacher.page.keyboard.type(' Stray words.');
      expect(await text(teacher.page, 'goal')).toBe(GOAL);
      expect(await teacher.page.getByTestId('connection-status').innerText()).toBe('Live');
      await screenshot(coach.page, 'finishing-finished-coach-1280');
      await screenshot(teacher.page, 'finishing-read-only-teacher-1280');

      // Printing: no toolbar, button, side column or status on paper; the notes and facts are.
      await coach.page.emulateMedia({ media: 'print' });
      for (const hidden of [
        coach.page.getByRole('button', { name: 'Reopen to edit' }),
        coach.page.getByRole('link', { name: 'Download as Markdown' }),
        coach.page.getByRole('button', { name: 'Print or save as PDF' }),
        coach.page.getByRole('toolbar').first(),
        coach.page.getByTestId('connection-status'),
        coach.page.getByRole('complementary', { name: 'About this meeting' }),
        coach.page.getByRole('banner'),
      ]) {
        expect(await hidden.isVisible()).toBe(false);
      }
      expect(await coach.page.getByRole('button').filter({ visible: true }).count()).toBe(0);
      expect(await editor(coach.page, 'goal').isVisible()).toBe(true);
      expect(await coach.page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      const facts = coach.page.getByRole('region', { name: 'The facts of this meeting' });
      expect(await facts.isVisible()).toBe(true);
      expect(await facts.innerText()).toContain('Finished on');
      await screenshot(coach.page, 'finishing-print-media-1280');
      const pdf = await coach.page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.byteLength).toBeGreaterThan(1000);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      writeFileSync(path.join(SCREENSHOT_DIR, 'finishing-meeting.pdf'), pdf);
      await coach.page.emulateMedia({ media: 'screen' });

      // The teacher reopens; the coach sees who did, and both can write again.
      await teacher.page.getByRole('button', { name: 'Reopen to edit' }).click();
      await expect
        .poll(() => coach.page.getByTestId('reopened-note').innerText(), POLL)
        .toMatch(/^Reopened by Tom Okafor on /);
      expect(await teacher.page.getByTestId('reopened-note').innerText()).toMatch(/^Reopened by you on /);
      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => editable(page), POLL).toBe('true');
        expect(await page.getByTestId('finished-banner').count()).toBe(0);
        expect(await page.getByTestId('meeting-badges').innerText()).toContain('Reopened');
      }
      expect(await coach.page.getByRole('checkbox', { name: 'Student-focused' }).isDisabled()).toBe(false);
      await editor(coach.page, 'goal').click();
      await coach.page.keyboard.press('End');
      await coach.page.keyboard.type(' Twice a lesson.');
      await expect.poll(() => text(teacher.page, 'goal'), POLL).toBe(`${GOAL} Twice a lesson.`);
      // A change after finishing is marked as one, on both pages, with the way to see it.
      for (const page of [coach.page, teacher.page]) {
        await expect
          .poll(() => page.getByTestId('changed-since-finished').innerText(), POLL)
          .toMatch(/^Changed since it was finished: Goal\. See what changed/);
      }
      await screenshot(coach.page, 'finishing-reopened-coach-1280');
      await teacher.page.getByRole('link', { name: 'See what changed' }).click();
      await expect
        .poll(() => teacher.page.locator('ins').allInnerTexts(), POLL)
        .toEqual(expect.arrayContaining([expect.stringContaining('Twice a lesson.')]));
      await screenshot(teacher.page, 'finishing-changed-since-finished-teacher-1280');

      // The partnership page tells the meetings apart and offers the cycle's export.
      await coach.page.goto(`/partnerships/${partners.partnership.id}`);
      const card = coach.page.getByTestId('meetings').getByRole('link').first();
      await expect.poll(() => card.innerText(), POLL).toMatch(/Meeting 1 · .*Reopened/s);
      expect(await coach.page.getByRole('link', { name: 'Download this cycle' }).count()).toBe(1);
      await screenshot(coach.page, 'finishing-partnership-coach-1280');

      const unexpected = [...coachErrors, ...teacherErrors].filter((e) => !/WebSocket|socket\.io/.test(e));
      expect(unexpected).toEqual([]);
    } catch (error) {
      await screenshot(coach.page, 'finishing-failure-coach').catch(() => undefined);
      await screenshot(teacher.page, 'finishing-failure-teacher').catch(() => undefined);
      console.error([...coachErrors, ...teacherErrors].join('\n'));
      throw error;
    } finally {
      await coach.context.close();
      await teacher.context.close();
    }
  });
});
