/**
 * The cycle page: a whole Impact Cycle to read back or print. Two meetings
 * written through the real editors (bold, a bulleted list), with their facts;
 * the page shows both in order with their formatting and facts, printing hides
 * every button and starts each meeting on a new page, and an outsider sees
 * nothing of it.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { normaliseStepText, stepHash } from '../../shared/actionStep.js';
import type { SectionId } from '../../shared/sections.js';
import {
  POLL,
  SCREENSHOT_DIR,
  lexicalCaretSettled,
  newPerson,
  recordPageErrors,
  screenshot,
  signInWithCookie,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { coachingOf, daysFromToday } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { editor, sectionTitle, text } from '../helpers/meetingPage.js';

const STEP = 'Use the three-step prompt before helping.';

async function openMeeting(page: Page, id: string): Promise<void> {
  await page.goto(`/meetings/${id}`);
  await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
  await editor(page, 'goal').waitFor();
}

async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
}

/** Clicks a formatting button of a section's toolbar, as a person would. */
async function format(page: Page, section: SectionId, label: string): Promise<void> {
  await page
    .getByRole('toolbar', { name: `${sectionTitle(section)}: formatting` })
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
}

async function ok(res: Promise<{ status: number; body: unknown }>, what: string): Promise<void> {
  const { status, body } = await res;
  if (status >= 300) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
}

async function put(person: UserFixture, url: string, body: unknown, what: string): Promise<void> {
  await ok(person.client.request('PUT', url, { body }), what);
}

describe('the cycle page, on screen and on paper', () => {
  const suite = browserSuite();

  it(
    'shows every meeting in order with its formatting and facts, and prints cleanly',
    { timeout: 180_000 },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const outsiderUser = await buildUser(suite.server, { name: 'Olu Stranger' });
      const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
      const first = (await buildMeeting(suite.server, partners, { title: 'Week 1 planning' })).meeting;

      const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const outsider = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      const coachErrors = recordPageErrors(coach.page, 'coach');
      const teacherErrors = recordPageErrors(teacher.page, 'teacher');
      await signInWithCookie(coach.context, suite.server.url, coachUser.cookie);
      await signInWithCookie(teacher.context, suite.server.url, teacherUser.cookie);
      await signInWithCookie(outsider.context, suite.server.url, outsiderUser.cookie);

      try {
        // Meeting 1: the coach writes with bold and a bulleted list, through the editors.
        await openMeeting(coach.page, first.id);
        await editor(coach.page, 'goal').click();
        await coach.page.keyboard.type('Most of 9X ');
        await coach.page.keyboard.press('Control+b');
        await coach.page.keyboard.type('try two strategies');
        await coach.page.keyboard.press('Control+b');
        await coach.page.keyboard.type(' before asking.');
        await editor(coach.page, 'modelledStrategy').click();
        await format(coach.page, 'modelledStrategy', 'Bulleted list');
        await coach.page.keyboard.type('Model the first step aloud');
        await lexicalCaretSettled(coach.page);
        await coach.page.keyboard.press('Enter');
        await coach.page.keyboard.type('Leave the second step on the board');
        await editor(coach.page, 'actionStep').click();
        await coach.page.keyboard.type(STEP);
        await expect.poll(() => text(coach.page, 'actionStep'), POLL).toBe(STEP);
        await saved(coach.page);

        // Its facts, recorded as the pages do.
        const url = `/api/meetings/${first.id}`;
        const due = daysFromToday(7);
        await put(coachUser, `${url}/approach`, { approach: 'dialogical' }, 'approach');
        await put(teacherUser, `${url}/peers`, { criterion: 'studentFocused', checked: true }, 'peers');
        await put(coachUser, `${url}/step-due`, { dueOn: due }, 'due');
        const hash = stepHash(normaliseStepText(STEP), due);
        await ok(coachUser.client.post(`${url}/agreements`, { hash }), 'coach agrees');
        await ok(teacherUser.client.post(`${url}/agreements`, { hash }), 'teacher agrees');
        await ok(
          coachUser.client.post(`${url}/practice`, {
            practisedOn: daysFromToday(0),
            what: 'Rehearsed the prompt with the coach as a student',
            feedback: 'Slow the second step down',
          }),
          'practice',
        );

        // Meeting 2, in the same cycle: the teacher writes.
        const second = (await buildMeeting(suite.server, partners)).meeting;
        const cycleId = (await coachingOf(coachUser, first.id)).cycle.id;
        expect((await coachingOf(coachUser, second.id)).cycle.id).toBe(cycleId);
        await openMeeting(teacher.page, second.id);
        await editor(teacher.page, 'currentReality').click();
        await teacher.page.keyboard.type('Nine of 28 tried a second step first.');
        await saved(teacher.page);

        // The partnership page links to the cycle page.
        await coach.page.goto(`/partnerships/${partners.partnership.id}`);
        await coach.page.getByRole('link', { name: 'Read or print this cycle' }).first().click();
        await expect
          .poll(() => coach.page.getByRole('heading', { level: 1 }).innerText(), POLL)
          .toBe('Impact Cycle with Tom Okafor · Goal in draft · Identify');
        expect(coach.page.url()).toContain(`/cycles/${cycleId}`);

        const meetings = coach.page.locator('.cycle-meeting');
        await expect.poll(() => meetings.count(), POLL).toBe(2);
        const one = meetings.nth(0);
        const two = meetings.nth(1);
        expect(await one.getByRole('heading', { level: 2 }).innerText()).toBe('Meeting 1 · Week 1 planning');
        expect(await two.getByRole('heading', { level: 2 }).innerText()).toMatch(/^Meeting 2 · /);
        expect(await one.locator('strong').allInnerTexts()).toContain('try two strategies');
        expect(await one.locator('ul li').allInnerTexts()).toEqual(
          expect.arrayContaining(['Model the first step aloud', 'Leave the second step on the board']),
        );
        const oneText = await one.innerText();
        expect(oneText).toContain(STEP);
        expect(oneText).toContain('Approach: Dialogical (recorded by Priya Shah).');
        expect(oneText).toContain('PEERS check: 1 of 5 ticked (Student-focused).');
        expect(oneText).toMatch(
          /check back on .+\. (Priya Shah|Tom Okafor) agreed on .+\. (Priya Shah|Tom Okafor) agreed on /,
        );
        expect(oneText).toContain(
          'Rehearsed the prompt with the coach as a student. Feedback: Slow the second step down.',
        );
        expect(await two.innerText()).toContain('Nine of 28 tried a second step first.');
        expect(await two.innerText()).toContain(`Last time’s step: ${STEP} Did it happen? Not answered.`);
        expect(await coach.page.getByRole('link', { name: 'Download as Markdown' }).getAttribute('href')).toBe(
          `/api/cycles/${cycleId}/export.md`,
        );
        await screenshot(coach.page, 'cycle-page-screen-1280');

        // On paper: no header, navigation or buttons; each meeting on a page of its own.
        await coach.page.emulateMedia({ media: 'print' });
        expect(await coach.page.getByRole('button').filter({ visible: true }).count()).toBe(0);
        expect(await coach.page.locator('.button').filter({ visible: true }).count()).toBe(0);
        expect(await coach.page.getByRole('banner').isVisible()).toBe(false);
        expect(await coach.page.getByRole('navigation').filter({ visible: true }).count()).toBe(0);
        expect(await one.evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
        expect(await two.innerText()).toContain('Nine of 28');
        await screenshot(coach.page, 'cycle-page-print-1280');
        const pdf = await coach.page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.byteLength).toBeGreaterThan(1000);
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const pdfPath = path.join(SCREENSHOT_DIR, 'cycle-page.pdf');
        writeFileSync(pdfPath, pdf);
        // Each meeting starts a page of its own: two meetings, at least two pages. (The PDF is kept
        // beside the screenshots for a person to look at.)
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
        expect(pages.length).toBeGreaterThanOrEqual(2);
        await coach.page.emulateMedia({ media: 'screen' });

        // An outsider sees nothing of the cycle.
        await outsider.page.goto(`/cycles/${cycleId}`);
        await expect
          .poll(() => outsider.page.getByRole('alert').innerText(), POLL)
          .toBe('We cannot find this cycle, or it is not shared with you.');
        expect(await outsider.page.locator('.cycle-meeting').count()).toBe(0);
        await screenshot(outsider.page, 'cycle-page-outsider-1280');

        expect([...coachErrors, ...teacherErrors]).toEqual([]);
      } finally {
        await coach.context.close();
        await teacher.context.close();
        await outsider.context.close();
      }
    },
  );
});
