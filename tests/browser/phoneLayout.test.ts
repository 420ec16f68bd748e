/**
 * The meeting on a phone (390×844) and a tablet held upright (768×1024), the
 * coach and the teacher each in their own browser: the page opens on the
 * notes, who is here is a row of initials that says in words whether the
 * partner is here, the cycle opens in a drawer (Escape closes it, focus comes
 * back), nothing scrolls sideways, everything that can be tapped is 44 px tall,
 * and the live parts work as on a laptop. At 900 px and over the side column
 * stays where it was. Screenshots of the home, the partnership and the
 * meeting at 390, 768 and 1280 px are left in test-results/screenshots.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import path from 'node:path';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECTIONS, type SectionId } from '../../shared/sections.js';
import {
  POLL,
  SCREENSHOT_DIR,
  newSignedInPerson,
  overflowsOf,
  recordPageErrors,
  screenshot,
  type PersonOptions,
} from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { coachingOf } from '../helpers/coaching.js';
import { allSaved, connectCollab, synced } from '../helpers/collabClient.js';
import {
  buildMeeting,
  buildPartnership,
  buildUser,
  type MeetingFixture,
  type UserFixture,
} from '../helpers/factories.js';
import { sectionEditor } from '../helpers/lexicalDoc.js';
import { editor, text } from '../helpers/meetingPage.js';

const SIZES = [
  { width: 390, height: 844, device: 'phone' },
  { width: 768, height: 1024, device: 'tablet' },
] as const;

/** What a finger can tap: links, buttons, fields, and the labels round check boxes and radio buttons. */
const CONTROLS = [
  'a[href]',
  'button',
  'select',
  'textarea',
  'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])',
  'label:has(> input[type="checkbox"])',
  'label:has(> input[type="radio"])',
].join(', ');

/** The visible controls inside `scope` that are less than 44 px tall, measured as laid out. */
async function smallTargets(page: Page, scope: string): Promise<string[]> {
  const small: string[] = [];
  for (const control of await page.locator(scope).locator(CONTROLS).all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    if (box === null || box.height >= 44) continue;
    const name = await control.evaluate(
      (el) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}"`,
    );
    small.push(`${name}: ${box.height.toFixed(1)} px`);
  }
  return small;
}

/** True when the page is no wider than the screen: nothing to scroll sideways to. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** What the first screen shows, without scrolling (the `screenshot` helper takes the whole page). */
const firstScreen = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

async function openMeeting(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
  for (const section of SECTIONS) await editor(page, section.id).waitFor();
  await page.getByTestId('agreement-status').waitFor();
}

describe('the meeting on a phone and a tablet', () => {
  const suite = browserSuite();

  /** Writes a paragraph into a section as `person`, as their editor would, and waits until it is stored. */
  async function write(person: UserFixture, meetingId: string, section: SectionId, words: string): Promise<void> {
    const writer = connectCollab(suite.server, meetingId, person.cookie);
    try {
      await synced(writer);
      sectionEditor(writer.doc, section).update(
        () => $getRoot().append($createParagraphNode().append($createTextNode(words))),
        { discrete: true },
      );
      await allSaved(writer);
    } finally {
      writer.destroy();
    }
  }

  /** A coach and a teacher with one meeting that has some notes and a measure, as after a first conversation. */
  async function meetingWithNotes(): Promise<MeetingFixture> {
    const coach = await buildUser(suite.server, { name: 'Priya Shah' });
    const teacher = await buildUser(suite.server, { name: 'Tom Okafor' });
    const fixture = await buildMeeting(suite.server, await buildPartnership(suite.server, { coach, teacher }));
    const id = fixture.meeting.id;
    await write(coach, id, 'currentReality', 'Most of 9X waited for help at the first sticking point.');
    await write(teacher, id, 'goal', 'Most of 9X try two strategies before asking for help.');
    const { cycle } = await coachingOf(coach, id);
    const res = await coach.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: { measureWhat: 'Pupils who try two strategies first', baseline: 6, target: 20 },
    });
    expect(res.status).toBe(200);
    return fixture;
  }

  const personAt = (cookie: string, size: Pick<PersonOptions, 'width' | 'height'>) =>
    newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie, ...size });

  for (const size of SIZES) {
    it(
      `at ${size.width}×${size.height} (${size.device}) opens on the notes, with the cycle one tap away`,
      { timeout: 180_000 },
      async () => {
        const { coach: coachUser, teacher: teacherUser, meeting } = await meetingWithNotes();
        const coach = await personAt(coachUser.cookie, size);
        const teacher = await personAt(teacherUser.cookie, size);
        const errors = [...recordPageErrors(coach.page, 'coach'), ...recordPageErrors(teacher.page, 'teacher')];
        const tag = `${size.width}`;
        try {
          // The coach is first in: the teacher's initials are there, hollow, and the words say he is not.
          await openMeeting(coach.page, meeting.id);
          const partnerState = (page: Page) => page.getByTestId('partner-presence').innerText();
          await expect.poll(() => partnerState(coach.page), POLL).toBe('Tom isn’t here');
          await firstScreen(coach.page, `phone-layout-partner-away-${tag}`);
          await openMeeting(teacher.page, meeting.id);
          await expect.poll(() => partnerState(coach.page), POLL).toBe('Tom is here');
          await expect.poll(() => partnerState(teacher.page), POLL).toBe('Priya is here');
          // Each person here is named in full to a screen reader, with their role.
          const presence = () => coach.page.getByTestId('presence').innerText();
          await expect.poll(presence, POLL).toContain('Priya Shah, coach (you)');
          await expect.poll(presence, POLL).toContain('Tom Okafor, teacher');

          for (const page of [coach.page, teacher.page]) {
            // The first section's text is on the first screen, not two screens down.
            const first = await editor(page, SECTIONS[0].id).boundingBox();
            expect(first).not.toBeNull();
            expect(first!.y).toBeLessThan(size.height);
            // The cycle waits behind its button.
            expect(await page.getByTestId('cycle-panel').isVisible()).toBe(false);
            expect(await fitsWidth(page)).toBe(true);
            // Nor does anything stick out of the page's margins, where it would look cut off.
            expect(await overflowsOf(page, '.meeting-layout')).toEqual([]);
            expect(await smallTargets(page, 'header, main')).toEqual([]);
          }
          await firstScreen(coach.page, `phone-layout-meeting-first-screen-${tag}`);
          await screenshot(coach.page, `phone-layout-meeting-${tag}`);
          await screenshot(teacher.page, `phone-layout-meeting-teacher-${tag}`);

          // Writing together works as on a laptop, and says "Saved".
          await editor(teacher.page, 'actionStep').click();
          await teacher.page.keyboard.type('Use the three-step prompt before helping.');
          await expect
            .poll(() => text(coach.page, 'actionStep'), POLL)
            .toBe('Use the three-step prompt before helping.');
          for (const page of [coach.page, teacher.page]) {
            await expect.poll(() => page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
          }

          // The drawer: one labelled button, which says whether it is open.
          const opener = coach.page.getByRole('button', { name: 'Cycle and measure' });
          expect(await opener.getAttribute('aria-expanded')).toBe('false');
          await opener.click();
          const drawer = coach.page.getByRole('dialog', { name: 'Cycle and measure' });
          await drawer.waitFor();
          expect(await opener.getAttribute('aria-expanded')).toBe('true');
          await drawer.getByTestId('cycle-panel').waitFor();
          expect(await drawer.getByTestId('cycle-panel').innerText()).toContain('Pupils who try two strategies first');
          await drawer.getByTestId('approach').waitFor();
          const focusInDrawer = () =>
            coach.page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
          expect(await focusInDrawer()).toBe(true);
          // The keyboard stays in the drawer while it is open.
          for (let i = 0; i < 15; i++) {
            await coach.page.keyboard.press('Tab');
            expect(await focusInDrawer()).toBe(true);
          }
          await coach.page.keyboard.press('Shift+Tab');
          expect(await focusInDrawer()).toBe(true);
          expect(await fitsWidth(coach.page)).toBe(true);
          expect(await smallTargets(coach.page, '[role="dialog"]')).toEqual([]);
          await firstScreen(coach.page, `phone-layout-drawer-${tag}`);

          // Live in the drawer: the teacher marks the goal as set, and the coach's open drawer shows it.
          await teacher.page.getByRole('button', { name: 'Cycle and measure' }).click();
          await teacher.page.getByRole('button', { name: 'My goal is set' }).click();
          await expect
            .poll(() => drawer.getByTestId('goal-status').innerText(), POLL)
            .toContain('Goal set by Tom Okafor');
          await teacher.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
          await expect.poll(() => teacher.page.getByRole('dialog').count(), POLL).toBe(0);

          // Escape closes it, and the keyboard is back on the button that opened it.
          await coach.page.keyboard.press('Escape');
          await expect.poll(() => drawer.count(), POLL).toBe(0);
          expect(await opener.getAttribute('aria-expanded')).toBe('false');
          expect(await coach.page.getByTestId('cycle-panel').isVisible()).toBe(false);
          expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

          // "Look at this" reaches the partner on a small screen too.
          await coach.page.getByRole('button', { name: 'Look at this: Goal' }).click();
          const prompt = teacher.page.getByTestId('follow-prompt');
          await expect.poll(() => prompt.innerText(), POLL).toContain('Priya Shah would like you to look at Goal');
          expect(await fitsWidth(teacher.page)).toBe(true);
          expect(await smallTargets(teacher.page, '[data-testid="follow-prompt"]')).toEqual([]);
          await firstScreen(teacher.page, `phone-layout-look-at-this-${tag}`);
          await prompt.getByRole('button', { name: 'Take me there' }).click();

          // The agreement card is under the step, with its button.
          await teacher.page.getByRole('button', { name: 'I agree' }).waitFor();

          // Finishing follows the notes; both see it read-only at once, and either can reopen.
          await coach.page.getByRole('button', { name: 'Finish meeting' }).click();
          await coach.page.getByRole('button', { name: 'Yes, finish it' }).click();
          const banner = teacher.page.getByTestId('finished-banner');
          await expect.poll(() => banner.innerText(), POLL).toMatch(/Finished on .+ by Priya Shah\./);
          await expect.poll(() => editor(teacher.page, 'goal').getAttribute('contenteditable'), POLL).toBe('false');
          expect(await fitsWidth(teacher.page)).toBe(true);
          await teacher.page.evaluate(() => window.scrollTo(0, 0));
          await firstScreen(teacher.page, `phone-layout-finished-${tag}`);
          await banner.getByRole('button', { name: 'Reopen to edit' }).click();
          await expect.poll(() => coach.page.getByTestId('finished-banner').count(), POLL).toBe(0);
          await expect.poll(() => editor(coach.page, 'goal').getAttribute('contenteditable'), POLL).toBe('true');

          const unexpected = errors.filter((e) => !/WebSocket|socket\.io/.test(e));
          expect(unexpected).toEqual([]);
        } catch (error) {
          await screenshot(coach.page, `phone-layout-failure-coach-${tag}`).catch(() => undefined);
          await screenshot(teacher.page, `phone-layout-failure-teacher-${tag}`).catch(() => undefined);
          console.error(errors.join('\n'));
          throw error;
        } finally {
          await coach.context.close();
          await teacher.context.close();
        }
      },
    );
  }

  it(
    'keeps the side column at 900 px and over, and a half-edited measure survives turning a tablet',
    { timeout: 120_000 },
    async () => {
      const { teacher: teacherUser, meeting } = await meetingWithNotes();
      const teacher = await personAt(teacherUser.cookie, { width: 1280, height: 900 });
      const errors = recordPageErrors(teacher.page, 'teacher');
      try {
        await openMeeting(teacher.page, meeting.id);
        const side = teacher.page.getByRole('complementary', { name: 'About this meeting' });
        const besideTheNotes = async () => {
          const notes = await teacher.page.locator('.sections').boundingBox();
          const column = await side.boundingBox();
          return notes !== null && column !== null && column.x >= notes.x + notes.width;
        };
        expect(await besideTheNotes()).toBe(true);
        await teacher.page.getByTestId('presence').waitFor();
        expect(await side.getByTestId('cycle-panel').isVisible()).toBe(true);
        expect(await teacher.page.getByRole('button', { name: 'Cycle and measure' }).count()).toBe(0);
        expect(await fitsWidth(teacher.page)).toBe(true);
        await screenshot(teacher.page, 'phone-layout-meeting-1280');

        // Just under 900 px the drawer takes over; the teacher starts editing the measure in it...
        await teacher.page.setViewportSize({ width: 899, height: 1024 });
        await teacher.page.getByRole('button', { name: 'Cycle and measure' }).click();
        const drawer = teacher.page.getByRole('dialog', { name: 'Cycle and measure' });
        await drawer.getByRole('button', { name: 'Edit measure and tags' }).click();
        await drawer.getByLabel('Target').fill('11');
        // ...turns the tablet, and what they typed is still there, now in the side column.
        await teacher.page.setViewportSize({ width: 1024, height: 768 });
        await expect.poll(() => teacher.page.getByRole('dialog').count(), POLL).toBe(0);
        expect(await side.getByLabel('Target').inputValue()).toBe('11');
        expect(await besideTheNotes()).toBe(true);
        await side.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => side.getByTestId('cycle-panel').innerText(), POLL).toContain('11');
        // Turned back, the notes come first again, with the drawer closed.
        await teacher.page.setViewportSize({ width: 768, height: 1024 });
        const opener = teacher.page.getByRole('button', { name: 'Cycle and measure' });
        await opener.waitFor();
        expect(await opener.getAttribute('aria-expanded')).toBe('false');
        expect(await teacher.page.getByRole('dialog').count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await teacher.context.close();
      }
    },
  );

  it('the home and the partnership page fit a phone, a tablet and a laptop', { timeout: 120_000 }, async () => {
    const { coach: coachUser, partnership } = await meetingWithNotes();
    for (const width of [390, 768, 1280]) {
      const coach = await personAt(coachUser.cookie, {
        width,
        height: width === 1280 ? 900 : width === 768 ? 1024 : 844,
      });
      try {
        await coach.page.goto('/');
        await coach.page.getByTestId('partnerships').waitFor();
        await coach.page
          .getByRole('link', { name: /Tom Okafor/ })
          .first()
          .waitFor();
        expect(await fitsWidth(coach.page)).toBe(true);
        await screenshot(coach.page, `phone-layout-home-${width}`);

        await coach.page.goto(`/partnerships/${partnership.id}`);
        await coach.page.getByRole('heading', { name: 'Coaching with Tom Okafor' }).waitFor();
        await coach.page.getByTestId('meetings').waitFor();
        expect(await fitsWidth(coach.page)).toBe(true);
        await screenshot(coach.page, `phone-layout-partnership-${width}`);
      } finally {
        await coach.context.close();
      }
    }
  });
});
