/**
 * The coaching cycle in two browsers: both partners agree to the action step
 * and both see "agreed"; the coach edits it and both see it go stale; "Look at
 * this" brings the teacher to the Goal; the next meeting shows the step under
 * "Since last time"; the homes show where things stand.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { POLL, newPerson, recordPageErrors, screenshot, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { editor } from '../helpers/meetingPage.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';

const STEP = 'When students stall, use the three-step prompt before helping.';

const agreement = (page: Page) => page.getByTestId('agreement-status').innerText();

describe('the coaching cycle in two browsers', () => {
  const suite = browserSuite();

  it('agree, go stale, look at this, and carry the step forward', { timeout: 180_000 }, async () => {
    const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
    const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
    const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
    const { meeting } = await buildMeeting(suite.server, partners, { title: 'Questioning, week 1' });

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
        await editor(page, 'actionStep').waitFor();
        await page.getByTestId('agreement-status').waitFor();
      }
      expect(await coach.page.getByTestId('carried-step').innerText()).toContain('no step from an earlier meeting');

      // 1. The teacher writes the step; both agree; both see "agreed".
      await editor(teacher.page, 'actionStep').click();
      await teacher.page.keyboard.type(STEP);
      await expect.poll(() => editor(coach.page, 'actionStep').innerText(), POLL).toBe(STEP);
      await coach.page.getByRole('button', { name: 'I agree' }).click();
      await expect.poll(() => agreement(coach.page), POLL).toBe('You agree. Waiting for Tom Okafor.');
      await expect.poll(() => agreement(teacher.page), POLL).toBe('Priya Shah agrees. Do you?');
      await teacher.page.getByRole('button', { name: 'I agree' }).click();
      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => agreement(page), POLL).toMatch(/^✓ Agreed by you and (Tom Okafor|Priya Shah)/);
      }
      await screenshot(coach.page, 'cycle-agreed-coach-1280');
      await screenshot(teacher.page, 'cycle-agreed-teacher-1280');

      // 2. The coach changes the words: both see it go stale.
      await editor(coach.page, 'actionStep').click();
      await coach.page.keyboard.press('End');
      await coach.page.keyboard.type(' Twice a lesson.');
      for (const page of [coach.page, teacher.page]) {
        await expect
          .poll(() => agreement(page), POLL)
          .toBe('Changed since you agreed. Read it again, and agree if it still stands.');
      }
      await screenshot(coach.page, 'cycle-stale-coach-1280');
      await screenshot(teacher.page, 'cycle-stale-teacher-1280');

      // They agree again to the new words, and set a check-back date.
      const due = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
      await teacher.page.getByLabel('Check back on').fill(due);
      await expect.poll(() => coach.page.getByLabel('Check back on').inputValue(), POLL).toBe(due);
      for (const page of [teacher.page, coach.page]) await page.getByRole('button', { name: 'I agree' }).click();
      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => agreement(page), POLL).toMatch(/^✓ Agreed by you and/);
      }

      // 3. The teacher writes the goal and ticks PEERS; the coach sees the tick. The coach records the approach.
      await editor(teacher.page, 'goal').click();
      await teacher.page.keyboard.type('Most of 9X try two strategies before asking for help.');
      await teacher.page.getByRole('checkbox', { name: 'Student-focused' }).check();
      await expect
        .poll(() => coach.page.getByRole('checkbox', { name: 'Student-focused' }).isChecked(), POLL)
        .toBe(true);
      await coach.page.getByRole('radio', { name: 'Dialogical' }).check();
      await expect.poll(() => teacher.page.getByTestId('approach').innerText(), POLL).toContain('Dialogical');

      // 4. "Look at this": the coach brings the teacher to the Goal.
      await coach.page.getByRole('button', { name: 'Look at this: Goal' }).click();
      const prompt = teacher.page.getByTestId('follow-prompt');
      await expect.poll(() => prompt.innerText(), POLL).toContain('Priya Shah would like you to look at Goal');
      await screenshot(teacher.page, 'cycle-look-at-this-teacher-1280');
      await prompt.getByRole('button', { name: 'Take me there' }).click();
      await expect
        .poll(() => teacher.page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')), POLL)
        .toBe('section-goal-title');

      // 5. The next meeting opens with the step under "Since last time".
      await coach.page.goto('/');
      const card = coach.page.getByTestId('partnership-summary').filter({ hasText: 'Tom Okafor' });
      await expect.poll(() => card.innerText(), POLL).toContain('Agreed');
      await screenshot(coach.page, 'cycle-home-coach-1280');
      await card.getByRole('link', { name: 'Tom Okafor' }).click();
      await coach.page.getByRole('button', { name: 'Start a meeting' }).click();
      await coach.page.waitForURL(/\/meetings\/[^/]+$/);
      expect(new URL(coach.page.url()).pathname).not.toBe(`/meetings/${meeting.id}`);
      const carried = coach.page.getByTestId('carried-step');
      await expect.poll(() => carried.innerText(), POLL).toContain(`${STEP} Twice a lesson.`);
      expect(await carried.innerText()).toContain('agreed by you both');
      await carried.getByRole('radio', { name: 'Partly' }).check();
      await editor(coach.page, 'review').click();
      await coach.page.keyboard.type('Used it twice on Tuesday; students tried before asking.');
      await expect.poll(() => coach.page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
      await screenshot(coach.page, 'cycle-since-last-time-coach-1280');

      // The coach writes down what they will count; the cycle panel shows it.
      const panel = coach.page.getByTestId('cycle-panel');
      await panel.getByRole('button', { name: 'Edit measure and tags' }).click();
      await panel.getByLabel('What is counted').fill('Students who try two strategies before asking');
      await panel.getByLabel('Baseline').fill('6');
      await panel.getByLabel('Target').fill('25');
      await panel.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => panel.locator('dl.measure').innerText(), POLL)
        .toMatch(/Baseline\s+6\s+Latest\s+–\s+Target\s+25/);
      expect(await panel.innerText()).toContain('Students who try two strategies before asking');

      await teacher.page.goto('/');
      const mine = teacher.page.getByTestId('partnership-summary').filter({ hasText: 'Coached by Priya Shah' });
      await expect.poll(() => mine.innerText(), POLL).toContain(`My next step: ${STEP} Twice a lesson.`);
      expect(await mine.innerText()).toContain('My goal: Most of 9X try two strategies before asking for help.');
      await screenshot(teacher.page, 'cycle-home-teacher-1280');

      const unexpected = [...coachErrors, ...teacherErrors].filter((e) => !/WebSocket|socket\.io/.test(e));
      expect(unexpected).toEqual([]);
    } catch (error) {
      await screenshot(coach.page, 'cycle-failure-coach').catch(() => undefined);
      await screenshot(teacher.page, 'cycle-failure-teacher').catch(() => undefined);
      console.error([...coachErrors, ...teacherErrors].join('\n'));
      throw error;
    } finally {
      await coach.context.close();
      await teacher.context.close();
    }
  });
});
