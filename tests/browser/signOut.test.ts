/**
 * Signing out deletes what the device keeps (shared school laptops), so it
 * asks first when the device holds notes the server has not stored: in the
 * open meeting, and after that tab was closed. With everything saved it signs
 * out at once.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { POLL, newPerson, recordPageErrors, screenshot, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting } from '../helpers/factories.js';

/** The sign-in page, with nowhere noted to go next: whoever signs in here next starts afresh. */
const SIGN_IN = /\/signin$/;
const goal = (page: Page) => page.getByRole('textbox', { name: 'Goal', exact: true });
const saveStatus = (page: Page) => page.getByTestId('save-status').innerText();
const question = (page: Page) => page.getByRole('dialog', { name: 'Some of your notes have not reached Tandem yet' });
/** This device's copies of meetings, by IndexedDB database name. */
const copiesOnDevice = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('tandem-meeting:')),
  );

describe('signing out', () => {
  const suite = browserSuite();

  it('asks before deleting notes only this device holds, and not otherwise', { timeout: 120_000 }, async () => {
    const fixture = await buildMeeting(suite.server);
    const meetingPath = `/meetings/${fixture.meeting.id}`;
    const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 768, height: 1024 });
    const errors = [...recordPageErrors(coach.page, 'coach'), ...recordPageErrors(teacher.page, 'teacher')];
    await signInWithCookie(coach.context, suite.server.url, fixture.coach.cookie);
    await signInWithCookie(teacher.context, suite.server.url, fixture.teacher.cookie);

    try {
      // 1. The coach writes while the wifi is down, then reaches for "Sign out": it asks, naming the meeting.
      await coach.page.goto(meetingPath);
      await expect.poll(() => coach.page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
      await coach.context.setOffline(true);
      await expect.poll(() => coach.page.getByTestId('connection-status').innerText(), POLL).toBe('Offline');
      await goal(coach.page).click();
      await coach.page.keyboard.type('Every pupil starts within a minute.');
      await expect.poll(() => saveStatus(coach.page), POLL).toBe('Kept on this device');
      await coach.page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => question(coach.page).isVisible(), POLL).toBe(true);
      expect(await question(coach.page).getByRole('link').allInnerTexts()).toEqual([fixture.meeting.title]);
      await screenshot(coach.page, 'sign-out-question-1280');

      // Staying keeps everything; back online the words are saved and reach the teacher.
      await question(coach.page).getByRole('button', { name: 'Stay signed in' }).click();
      expect(await question(coach.page).isVisible()).toBe(false);
      expect(await goal(coach.page).innerText()).toBe('Every pupil starts within a minute.');
      await coach.context.setOffline(false);
      await expect.poll(() => saveStatus(coach.page), POLL).toBe('Saved');
      await teacher.page.goto(meetingPath);
      await expect.poll(() => goal(teacher.page).innerText(), POLL).toBe('Every pupil starts within a minute.');

      // 2. With everything saved, "Sign out" signs out at once, and the device keeps nothing.
      await coach.page.getByRole('button', { name: 'Sign out' }).click();
      await coach.page.waitForURL(SIGN_IN);
      expect(await question(coach.page).count()).toBe(0);
      await expect.poll(() => copiesOnDevice(coach.page), POLL).toEqual([]);

      // 3. The teacher writes offline and closes the tab. Later, online on the home page, signing out
      // still asks; "Sign out anyway" then does what it says.
      await expect.poll(() => teacher.page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
      await teacher.context.setOffline(true);
      await expect.poll(() => teacher.page.getByTestId('connection-status').innerText(), POLL).toBe('Offline');
      await goal(teacher.page).click();
      await teacher.page.keyboard.press('ControlOrMeta+End');
      await teacher.page.keyboard.type(' By half term.');
      await expect.poll(() => saveStatus(teacher.page), POLL).toBe('Kept on this device');
      await teacher.page.close();
      await teacher.context.setOffline(false);
      const later = await teacher.context.newPage();
      errors.push(...recordPageErrors(later, 'teacher later'));
      await later.goto('/');
      await later.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => question(later).isVisible(), POLL).toBe(true);
      expect(await question(later).getByRole('link').allInnerTexts()).toEqual([fixture.meeting.title]);
      await question(later).getByRole('button', { name: 'Sign out anyway' }).click();
      await later.waitForURL(SIGN_IN);
      await expect.poll(() => copiesOnDevice(later), POLL).toEqual([]);
      expect(await later.evaluate(() => localStorage.getItem('tandem.unsentNotes'))).toBeNull();
      expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    } finally {
      await coach.context.close();
      await teacher.context.close();
    }
  });
});
