/**
 * Search in two browsers: the coach writes in the Practice plan; the teacher
 * presses `/`, searches another form of the word, sees it marked in the
 * results and lands in that section of the meeting. Queries the server refuses,
 * and a word no one wrote, are said plainly.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { POLL, newPerson, overflowsOf, recordPageErrors, screenshot, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { editor } from '../helpers/meetingPage.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';
import type { SectionId } from '../../shared/sections.js';

const PLAN = 'Rehearse questioning with a ten-second wait before anyone answers.';
const GOAL = 'Students explain their reasoning when they ask questions.';

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search your notes' });

/** Shows the results of a search once the page has finished searching, reloading until the server has indexed `hits`. */
async function hitsAfterSearching(page: Page): Promise<number> {
  await page
    .locator('[data-testid="search-summary"], [data-testid="search-nothing"], [role="alert"]')
    .first()
    .waitFor();
  return page.getByTestId('search-hit').count();
}

async function typeIn(page: Page, sectionId: SectionId, words: string): Promise<void> {
  await editor(page, sectionId).click();
  await page.keyboard.type(words);
  await expect.poll(() => page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
}

describe('searching the notes in two browsers', () => {
  const suite = browserSuite();

  it(
    'finds what the partner wrote, in another form of the word, and opens the meeting there',
    { timeout: 180_000 },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
      const { meeting: older } = await buildMeeting(suite.server, partners, { title: 'Week 1: where we start' });
      const { meeting } = await buildMeeting(suite.server, partners, { title: 'Week 3 check-in' });

      const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const coachErrors = recordPageErrors(coach.page, 'coach');
      const teacherErrors = recordPageErrors(teacher.page, 'teacher');
      await signInWithCookie(coach.context, suite.server.url, coachUser.cookie);
      await signInWithCookie(teacher.context, suite.server.url, teacherUser.cookie);

      try {
        // The coach writes, through the editors, in two meetings.
        for (const [id, sectionId, words] of [
          [older.id, 'goal', GOAL],
          [meeting.id, 'practicePlan', PLAN],
        ] as const) {
          await coach.page.goto(`/meetings/${id}`);
          await expect.poll(() => coach.page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
          await typeIn(coach.page, sectionId, words);
        }

        // The teacher presses "/" on the home page, types another form of the word and presses Enter.
        await teacher.page.goto('/');
        await searchBox(teacher.page).waitFor();
        await teacher.page.keyboard.press('/');
        await expect
          .poll(() => searchBox(teacher.page).evaluate((el) => el === document.activeElement), POLL)
          .toBe(true);
        await teacher.page.keyboard.type('questions');
        await teacher.page.keyboard.press('Enter');
        await teacher.page.waitForURL(/\/search\?q=questions$/);
        await expect
          .poll(() => teacher.page.getByRole('heading', { level: 1 }).innerText(), POLL)
          .toBe('Notes that mention “questions”');

        // The server indexes within seconds: search again until both meetings are found.
        await expect
          .poll(async () => {
            const hits = await hitsAfterSearching(teacher.page);
            if (hits < 2) await teacher.page.reload();
            return hits;
          }, POLL)
          .toBe(2);

        const group = teacher.page.getByRole('region', { name: 'With Priya Shah (coach)' });
        const meetings = group.getByTestId('search-meeting');
        expect(await meetings.count()).toBe(2);
        // Newest first, each with its title and date.
        expect(await meetings.nth(0).getByRole('heading').innerText()).toBe('Meeting 2 · Week 3 check-in');
        expect(await meetings.nth(1).getByRole('heading').innerText()).toBe('Meeting 1 · Week 1: where we start');
        const hit = meetings.nth(0).getByTestId('search-hit');
        expect(await hit.innerText()).toContain('Practice plan');
        expect(await hit.locator('mark').allInnerTexts()).toEqual(['questioning']);
        expect(await meetings.nth(1).getByTestId('search-hit').locator('mark').allInnerTexts()).toEqual(['questions']);
        expect(await teacher.page.getByTestId('search-summary').innerText()).toBe(
          'Found in 2 places across 2 meetings.',
        );
        expect(await overflowsOf(teacher.page, 'main')).toEqual([]);
        await screenshot(teacher.page, 'search-results-teacher-1280');

        // The same results on a phone.
        const phone = await newPerson(suite.browser, { baseURL: suite.server.url, width: 390, height: 844 });
        try {
          await signInWithCookie(phone.context, suite.server.url, teacherUser.cookie);
          await phone.page.goto('/search?q=questions');
          expect(await hitsAfterSearching(phone.page)).toBe(2);
          expect(await overflowsOf(phone.page, 'body')).toEqual([]);
          expect(await searchBox(phone.page).inputValue()).toBe('questions');
          await screenshot(phone.page, 'search-results-teacher-390');
        } finally {
          await phone.context.close();
        }

        // Choosing the result opens the meeting at the Practice plan, with the caret in it.
        await hit.click();
        await teacher.page.waitForURL(`**/meetings/${meeting.id}#section-practicePlan`);
        await expect
          .poll(() => teacher.page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')), POLL)
          .toBe('section-practicePlan-title');
        await expect.poll(() => editor(teacher.page, 'practicePlan').innerText(), POLL).toBe(PLAN);
        await expect
          .poll(
            () =>
              editor(teacher.page, 'practicePlan').evaluate((el) => {
                const box = el.getBoundingClientRect();
                return box.top >= 0 && box.top < window.innerHeight;
              }),
            POLL,
          )
          .toBe(true);
        await screenshot(teacher.page, 'search-landed-practice-plan-1280');

        // Queries the server refuses, and a word no one wrote, are said plainly.
        await searchBox(teacher.page).fill('!!!');
        await searchBox(teacher.page).press('Enter');
        await expect
          .poll(() => teacher.page.getByRole('alert').innerText(), POLL)
          .toBe('Type at least one word or number to search for.');
        await screenshot(teacher.page, 'search-punctuation-1280');

        await searchBox(teacher.page).fill('word '.repeat(50));
        await searchBox(teacher.page).press('Enter');
        await expect
          .poll(() => teacher.page.getByRole('alert').innerText(), POLL)
          .toBe('Keep a search under 200 characters');

        await searchBox(teacher.page).fill('photosynthesis');
        await searchBox(teacher.page).press('Enter');
        await expect
          .poll(() => teacher.page.getByTestId('search-nothing').innerText(), POLL)
          .toContain('No notes mention “photosynthesis” yet.');

        // "/" typed in the notes stays in the notes.
        await teacher.page.goto(`/meetings/${meeting.id}`);
        await editor(teacher.page, 'goal').click();
        await teacher.page.keyboard.type('a/b');
        await expect.poll(() => editor(teacher.page, 'goal').innerText(), POLL).toBe('a/b');

        const unexpected = [...coachErrors, ...teacherErrors].filter(
          (e) => !/WebSocket|socket\.io|status of 400/.test(e),
        );
        expect(unexpected).toEqual([]);
      } catch (error) {
        await screenshot(coach.page, 'search-failure-coach').catch(() => undefined);
        await screenshot(teacher.page, 'search-failure-teacher').catch(() => undefined);
        console.error([...coachErrors, ...teacherErrors].join('\n'));
        throw error;
      } finally {
        await coach.context.close();
        await teacher.context.close();
      }
    },
  );
});
