/**
 * The school wifi drops for the teacher in the middle of a meeting. They keep
 * writing, reload the tab while still offline and find their words there, and
 * when the wifi comes back everything both partners wrote (in the same section
 * and in different ones) ends up on both screens, and on the server.
 *
 * Why a real offline reload: a teacher on dropping wifi who reloads gets no
 * network at all, not a network without the collaboration socket. So the
 * teacher's whole browser context goes offline (Playwright `setOffline`), and
 * the page must open from what the device kept: the app shell and the
 * meeting's few API answers from the service worker (client/public/sw.js), the
 * notes from IndexedDB. The server counts every HTTP request and upgrade while
 * the teacher is offline, so a test that secretly reached it would fail.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { IncomingMessage } from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECTIONS, type SectionId } from '../../shared/sections.js';
import {
  POLL,
  lexicalCaretSettled,
  newPerson,
  recordPageErrors,
  screenshot,
  signInWithCookie,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { editor, text } from '../helpers/meetingPage.js';
import { buildMeeting } from '../helpers/factories.js';

const connection = (page: Page) => page.getByTestId('connection-status').innerText();
const saving = (page: Page) => page.getByTestId('save-status').innerText();

/** Types at the end of a section, on a new line when it already has text. */
async function writeAtEnd(page: Page, id: SectionId, line: string): Promise<void> {
  await editor(page, id).click();
  await page.keyboard.press('ControlOrMeta+End');
  await lexicalCaretSettled(page);
  if ((await text(page, id)) !== '') await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

/**
 * True once the service worker controls the page and keeps every built file
 * the page has loaded, and the API answers the meeting page opens with.
 */
function appKeptOnDevice(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    if (navigator.serviceWorker.controller === null) return false;
    const cache = await caches.open('tandem-shell-v1');
    const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
    const loaded = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((pathname) => pathname.startsWith('/assets/'));
    const answers = await caches.open('tandem-pages-v1').then((c) => c.keys());
    return kept.has('/') && loaded.every((pathname) => kept.has(pathname)) && answers.length >= 3;
  });
}

describe('working offline', () => {
  const suite = browserSuite();

  it(
    'keeps the teacher writing through a dropped connection and a reload, and merges everything',
    { timeout: 120_000 },
    async () => {
      const fixture = await buildMeeting(suite.server);
      const meetingPath = `/meetings/${fixture.meeting.id}`;
      const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 768, height: 1024 });
      const coachErrors = recordPageErrors(coach.page, 'coach');
      const teacherErrors = recordPageErrors(teacher.page, 'teacher');
      await signInWithCookie(coach.context, suite.server.url, fixture.coach.cookie);
      await signInWithCookie(teacher.context, suite.server.url, fixture.teacher.cookie);

      // Everything of the teacher's that reaches the suite.server, to prove the offline part really was offline.
      // Except one: on a navigation Chromium checks for a new /sw.js from the suite.browser process, which
      // Playwright's per-page offline emulation does not cover. On a device really offline that check
      // just fails, and nothing waits for it.
      let reachedServer = 0;
      const countRequest = (req: IncomingMessage) => {
        if (req.url === '/sw.js') return;
        if ((req.headers.cookie ?? '').includes(fixture.teacher.cookie)) reachedServer += 1;
      };
      suite.server.server.httpServer.on('request', countRequest);
      suite.server.server.httpServer.on('upgrade', countRequest);

      try {
        for (const person of [coach, teacher]) {
          await person.page.goto(meetingPath);
          await expect.poll(() => connection(person.page), POLL).toBe('Live');
          for (const section of SECTIONS) await editor(person.page, section.id).waitFor();
        }
        // Before the wifi drops they have both written a little.
        await writeAtEnd(coach.page, 'currentReality', 'Coach: most pupils started within a minute.');
        await writeAtEnd(teacher.page, 'goal', 'Teacher: every pupil starts within a minute.');
        for (const page of [coach.page, teacher.page]) {
          await expect.poll(() => text(page, 'goal'), POLL).toBe('Teacher: every pupil starts within a minute.');
          await expect.poll(() => saving(page), POLL).toBe('Saved');
        }
        // The app has been opened on this device before, so it can open again without a network.
        await expect.poll(() => appKeptOnDevice(teacher.page), POLL).toBe(true);

        // The wifi drops for the teacher.
        await teacher.context.setOffline(true);
        await expect.poll(() => connection(teacher.page), POLL).toBe('Offline');
        const requestsBefore = reachedServer;

        // Both write in the same section, and each in a section of their own.
        await writeAtEnd(teacher.page, 'practicePlan', 'Teacher offline: rehearse the countdown.');
        await writeAtEnd(teacher.page, 'actionStep', 'Teacher offline: try it with Year 8 on Tuesday.');
        await writeAtEnd(coach.page, 'practicePlan', 'Coach: film the first five minutes.');
        await writeAtEnd(coach.page, 'modelledStrategy', 'Coach: modelled the countdown twice.');

        const notice = teacher.page.getByTestId('disconnected-notice');
        await expect
          .poll(() => notice.innerText(), POLL)
          .toContain('You’re offline — your changes are kept on this device');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Kept on this device');
        expect(await text(teacher.page, 'modelledStrategy')).toBe('');
        await screenshot(teacher.page, 'offline-teacher-768');

        // Still offline, the teacher reloads: the page opens from the device, with their words.
        await teacher.page.reload();
        for (const section of SECTIONS) await editor(teacher.page, section.id).waitFor();
        await expect.poll(() => connection(teacher.page), POLL).toBe('Offline');
        await expect.poll(() => text(teacher.page, 'goal'), POLL).toBe('Teacher: every pupil starts within a minute.');
        await expect
          .poll(() => text(teacher.page, 'practicePlan'), POLL)
          .toBe('Teacher offline: rehearse the countdown.');
        await expect
          .poll(() => text(teacher.page, 'actionStep'), POLL)
          .toBe('Teacher offline: try it with Year 8 on Tuesday.');
        // What was typed before the reload is still not on the suite.server, and the page does not pretend otherwise.
        expect(await saving(teacher.page)).toBe('Kept on this device');
        await expect.poll(() => notice.innerText(), POLL).toContain('your changes are kept on this device');
        await writeAtEnd(teacher.page, 'actionStep', 'Teacher offline, after reloading: ask a colleague to watch.');
        // The side column says calmly what waits for the network, not that something went wrong.
        await expect
          .poll(() => teacher.page.getByTestId('coaching-offline').innerText(), POLL)
          .toBe('The Impact Cycle and your approach will show here when you are back online.');
        expect(await teacher.page.getByRole('alert').allInnerTexts()).not.toContain(
          'We could not reach Tandem. Check your connection and try again.',
        );
        await screenshot(teacher.page, 'offline-teacher-reloaded-768');
        expect(reachedServer).toBe(requestsBefore);

        // The wifi comes back: both end up with everything, and the teacher's page says "Saved".
        await teacher.context.setOffline(false);
        await expect.poll(() => connection(teacher.page), POLL).toBe('Live');
        await expect.poll(() => saving(teacher.page), POLL).toBe('Saved');
        const expected: Partial<Record<SectionId, string[]>> = {
          currentReality: ['Coach: most pupils started within a minute.'],
          goal: ['Teacher: every pupil starts within a minute.'],
          modelledStrategy: ['Coach: modelled the countdown twice.'],
          actionStep: [
            'Teacher offline: try it with Year 8 on Tuesday.',
            'Teacher offline, after reloading: ask a colleague to watch.',
          ],
        };
        for (const page of [coach.page, teacher.page]) {
          for (const [section, lines] of Object.entries(expected) as [SectionId, string[]][]) {
            await expect.poll(() => text(page, section), POLL).toBe(lines.join('\n'));
          }
          // The same section, written on both sides at once: both, whole, in one agreed order.
          await expect.poll(() => text(page, 'practicePlan'), POLL).toContain('Coach: film the first five minutes.');
          await expect
            .poll(() => text(page, 'practicePlan'), POLL)
            .toContain('Teacher offline: rehearse the countdown.');
        }
        expect(await text(coach.page, 'practicePlan')).toBe(await text(teacher.page, 'practicePlan'));
        await expect.poll(() => saving(coach.page), POLL).toBe('Saved');
        await screenshot(teacher.page, 'offline-teacher-back-online-768');

        // Signing out on a shared laptop leaves no copy of the notes behind.
        await teacher.page.getByRole('button', { name: 'Sign out' }).click();
        await teacher.page.getByRole('heading', { name: 'Welcome back' }).waitFor();
        const leftBehind = () =>
          teacher.page.evaluate(async () => ({
            databases: (await indexedDB.databases()).map((db) => db.name ?? '').filter((n) => n.startsWith('tandem')),
            pages: await caches.has('tandem-pages-v1'),
          }));
        await expect.poll(leftBehind, POLL).toEqual({ databases: [], pages: false });

        // Connections refused while offline are expected; nothing else may go wrong.
        const unexpected = [...coachErrors, ...teacherErrors].filter(
          (e) => !/WebSocket|ERR_INTERNET_DISCONNECTED|socket\.io|status of 401/.test(e),
        );
        expect(unexpected).toEqual([]);
      } catch (error) {
        await screenshot(coach.page, 'offline-failure-coach').catch(() => undefined);
        await screenshot(teacher.page, 'offline-failure-teacher').catch(() => undefined);
        console.error([...coachErrors, ...teacherErrors].join('\n'));
        throw error;
      } finally {
        suite.server.server.httpServer.off('request', countRequest);
        suite.server.server.httpServer.off('upgrade', countRequest);
        await coach.context.close();
        await teacher.context.close();
      }
    },
  );
});
