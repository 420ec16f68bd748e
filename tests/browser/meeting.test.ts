/**
 * The whole story in a real browser: a coach and a teacher, each in their own
 * browser context, sign up, make a partnership through an invitation, open one
 * meeting, write in two sections at the same moment, see each other (text,
 * presence, named caret in the right section), see "Saved", and find it all
 * again after the server restarts.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECTIONS, type SectionId } from '../../shared/sections.js';
import { POLL, lexicalCaretSettled, newPerson, overflowsOf, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { editor, sectionTitle, text } from '../helpers/meetingPage.js';

async function signUpThroughForm(page: Page, person: { name: string; email: string; password: string }) {
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

describe('a live meeting in two browsers', () => {
  const suite = browserSuite();

  it('coach and teacher write together, and it is all there after a restart', { timeout: 180_000 }, async () => {
    const stamp = Date.now().toString(36);
    const coachPerson = {
      name: 'Priya Shah',
      email: `priya.${stamp}@school.test`,
      password: 'a long enough passphrase',
    };
    const teacherPerson = {
      name: 'Tom Okafor',
      email: `tom.${stamp}@school.test`,
      password: 'another long passphrase',
    };

    // The coach on a laptop, the teacher on a tablet-sized screen.
    const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 768, height: 1024 });
    const coachErrors = recordPageErrors(coach.page, 'coach');
    // Five editors, one meeting: the page must open exactly one collaboration socket.
    const coachCollabSockets: string[] = [];
    coach.page.on('websocket', (ws) => {
      if (new URL(ws.url()).pathname.startsWith('/collab/')) coachCollabSockets.push(ws.url());
    });
    const teacherErrors = recordPageErrors(teacher.page, 'teacher');

    try {
      // 1. The coach signs up and lands on their home page.
      await coach.page.goto('/signup');
      await screenshot(coach.page, 'signup-1280');
      await signUpThroughForm(coach.page, coachPerson);
      await coach.page.getByRole('heading', { name: 'Hello, Priya' }).waitFor();

      // 2. The coach invites a teacher and gets a link.
      await coach.page.getByRole('radio', { name: /Coach/ }).check();
      await coach.page.getByRole('button', { name: 'Invite my teacher' }).click();
      const linkField = coach.page.getByRole('textbox', { name: 'Invitation link' });
      await linkField.waitFor();
      const link = await linkField.inputValue();
      expect(link).toMatch(/\/invite\/[^/]+$/);
      await screenshot(coach.page, 'home-1280');

      // 3. The teacher opens the link, signs up on the spot and accepts.
      await teacher.page.goto(new URL(link).pathname);
      await teacher.page.getByRole('heading', { name: /Priya Shah has invited you/ }).waitFor();
      await screenshot(teacher.page, 'invite-768');
      await signUpThroughForm(teacher.page, teacherPerson);
      await teacher.page.getByRole('button', { name: 'Accept' }).click();
      await teacher.page.getByRole('heading', { name: 'Coaching with Priya Shah' }).waitFor();

      // 4. The coach sees the partnership on their home page and starts a meeting.
      await coach.page.goto('/');
      await coach.page.getByRole('link', { name: /Tom Okafor/ }).waitFor();
      await screenshot(coach.page, 'home-partnership-1280');
      await coach.page.getByRole('link', { name: /Tom Okafor/ }).click();
      await coach.page.getByRole('heading', { name: 'Coaching with Tom Okafor' }).waitFor();
      await screenshot(coach.page, 'partnership-empty-1280');
      await coach.page.getByRole('button', { name: 'Start a meeting' }).click();
      await coach.page.waitForURL(/\/meetings\/[^/]+$/);
      const meetingPath = new URL(coach.page.url()).pathname;

      // 5. The teacher opens it from their home page, through the partnership's list.
      await teacher.page.goto('/');
      await teacher.page.getByRole('link', { name: /Priya Shah/ }).waitFor();
      await screenshot(teacher.page, 'home-768');
      await teacher.page.getByRole('link', { name: /Priya Shah/ }).click();
      await teacher.page.getByTestId('meetings').getByRole('link').first().click();
      await teacher.page.waitForURL(`**${meetingPath}`);

      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        for (const section of SECTIONS) await editor(page, section.id).waitFor();
      }

      // 6. Both type at once, in different sections.
      const coachLine = 'Students waited for help at the first sticking point.';
      const teacherLine = 'Use the three-step prompt before helping, by Friday.';
      await editor(coach.page, 'currentReality').click();
      await editor(teacher.page, 'actionStep').click();
      await Promise.all([coach.page.keyboard.type(coachLine), teacher.page.keyboard.type(teacherLine)]);

      // Each sees the other's words...
      await expect.poll(() => text(teacher.page, 'currentReality'), POLL).toBe(coachLine);
      await expect.poll(() => text(coach.page, 'actionStep'), POLL).toBe(teacherLine);
      // ...and their own, untouched by the other's typing.
      expect(await text(coach.page, 'currentReality')).toBe(coachLine);
      expect(await text(teacher.page, 'actionStep')).toBe(teacherLine);

      // Each sees the other in the presence list, with their role.
      await expect.poll(() => coach.page.getByTestId('presence').innerText(), POLL).toContain('Tom Okafor');
      await expect.poll(() => coach.page.getByTestId('presence').innerText(), POLL).toContain('Teacher');
      await expect.poll(() => teacher.page.getByTestId('presence').innerText(), POLL).toContain('Priya Shah');

      // The partner's named caret is drawn in the section they are writing in, and only there.
      const remoteNames = (page: Page, id: SectionId) =>
        page.locator(`[data-section="${id}"] .ed-remote-name`).allInnerTexts();
      await expect.poll(() => remoteNames(coach.page, 'actionStep'), POLL).toEqual(['Tom Okafor']);
      await expect.poll(() => remoteNames(teacher.page, 'currentReality'), POLL).toEqual(['Priya Shah']);
      expect(await remoteNames(coach.page, 'currentReality')).toEqual([]);
      expect(await remoteNames(teacher.page, 'actionStep')).toEqual([]);

      // A little rich text: a bulleted list in the practice plan, from the toolbar.
      const toolbar = (page: Page, id: SectionId) =>
        page.getByRole('toolbar', { name: `${sectionTitle(id)}: formatting` });
      await editor(coach.page, 'practicePlan').click();
      const bulletButton = toolbar(coach.page, 'practicePlan').getByRole('button', { name: 'Bulleted list' });
      await bulletButton.click();
      expect(await bulletButton.getAttribute('aria-pressed')).toBe('true');
      await coach.page.keyboard.type('Rehearse the prompt aloud');
      await coach.page.keyboard.press('Enter');
      await coach.page.keyboard.type('Film one rehearsal');
      // Undo and redo belong to the section: undoing here leaves every other section alone.
      await editor(coach.page, 'modelledStrategy').click();
      await coach.page.keyboard.type('Model it twice');
      await toolbar(coach.page, 'modelledStrategy').getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => text(coach.page, 'modelledStrategy'), POLL).toBe('');
      await toolbar(coach.page, 'modelledStrategy').getByRole('button', { name: 'Redo' }).click();
      await expect.poll(() => text(coach.page, 'modelledStrategy'), POLL).toBe('Model it twice');
      expect(await text(coach.page, 'practicePlan')).toBe('Rehearse the prompt aloud\nFilm one rehearsal');
      await expect.poll(() => text(teacher.page, 'modelledStrategy'), POLL).toBe('Model it twice');
      const bullets = (page: Page) => editor(page, 'practicePlan').locator('ul > li').allInnerTexts();
      await expect.poll(() => bullets(teacher.page), POLL).toEqual(['Rehearse the prompt aloud', 'Film one rehearsal']);

      // Keyboard only: Tab leaves a section for the next section's toolbar (one stop, arrows
      // move along it), then its text; Ctrl+B there is bold, and the toolbar says so.
      const focused = () =>
        coach.page.evaluate(() => {
          const el = document.activeElement;
          return el ? `${el.getAttribute('role') ?? el.tagName}:${el.getAttribute('aria-label') ?? ''}` : '';
        });
      await editor(coach.page, 'practicePlan').focus();
      // Past the practice plan's rehearsals and the next section's "Look at this", to its toolbar.
      for (const expected of ['BUTTON:', 'BUTTON:Look at this: Agreed next action step', 'BUTTON:Bold']) {
        await coach.page.keyboard.press('Tab');
        expect(await focused()).toBe(expected);
      }
      await coach.page.keyboard.press('ArrowRight');
      expect(await focused()).toBe('BUTTON:Italic');
      await coach.page.keyboard.press('Tab');
      await expect
        .poll(async () => editor(coach.page, 'actionStep').evaluate((el) => el === document.activeElement))
        .toBe(true);
      await coach.page.keyboard.press('End');
      await lexicalCaretSettled(coach.page);
      await coach.page.keyboard.press('Enter');
      await coach.page.keyboard.press('ControlOrMeta+b');
      await coach.page.keyboard.type('Check in on Monday');
      await expect
        .poll(() =>
          toolbar(coach.page, 'actionStep').getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed'),
        )
        .toBe('true');
      await expect
        .poll(() => editor(teacher.page, 'actionStep').locator('strong, .ed-bold').allInnerTexts(), POLL)
        .toEqual(['Check in on Monday']);
      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => text(page, 'actionStep'), POLL).toBe(`${teacherLine}\nCheck in on Monday`);
      }

      // "Saved" only once the suite.server has acknowledged everything each of them wrote.
      for (const page of [coach.page, teacher.page]) {
        await expect.poll(() => page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
      }
      expect(coachCollabSockets).toHaveLength(1);
      expect(coachCollabSockets[0]).toContain('acks=1');
      // Nothing in the side column is cut off at the edge of a laptop screen.
      expect(await overflowsOf(coach.page, '.meeting-side')).toEqual([]);
      await screenshot(coach.page, 'meeting-coach-1280');
      await screenshot(teacher.page, 'meeting-teacher-768');

      // The school wifi drops for the teacher: the page says so, and does not claim to have saved.
      const offlineLine = 'Written while the wifi was down.';
      await teacher.context.setOffline(true);
      await expect.poll(() => teacher.page.getByTestId('connection-status').innerText(), POLL).toBe('Offline');
      await editor(teacher.page, 'goal').click();
      await teacher.page.keyboard.type(offlineLine);
      await expect.poll(() => teacher.page.getByTestId('save-status').innerText(), POLL).toBe('Kept on this device');
      await screenshot(teacher.page, 'meeting-teacher-offline-768');
      // Back online: it reconnects by itself, sends what was written, and only then says "Saved".
      await teacher.context.setOffline(false);
      await expect.poll(() => teacher.page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
      await expect.poll(() => teacher.page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
      await expect.poll(() => text(coach.page, 'goal'), POLL).toBe(offlineLine);

      // 7. The suite.server restarts (a deploy). Open pages reconnect by themselves...
      const urlBefore = suite.server.url;
      await suite.server.restart();
      if (suite.server.url === urlBefore) {
        for (const page of [coach.page, teacher.page]) {
          await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        }
      }
      // ...and after a reload both find everything as it was.
      for (const person of [coach, teacher]) {
        await person.page.goto(`${suite.server.url}${meetingPath}`);
        await expect.poll(() => person.page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        await expect.poll(() => text(person.page, 'currentReality'), POLL).toBe(coachLine);
        await expect.poll(() => text(person.page, 'actionStep'), POLL).toBe(`${teacherLine}\nCheck in on Monday`);
        await expect.poll(() => text(person.page, 'goal'), POLL).toBe(offlineLine);
        expect(await text(person.page, 'modelledStrategy')).toBe('Model it twice');
        await expect
          .poll(() => bullets(person.page), POLL)
          .toEqual(['Rehearse the prompt aloud', 'Film one rehearsal']);
        expect(await person.page.getByTestId('save-status').innerText()).toBe('Saved');
      }
      await screenshot(coach.page, 'meeting-coach-after-restart-1280');
      await screenshot(teacher.page, 'meeting-teacher-after-restart-768');

      // 8. The meeting is in the partnership's list, with the first line of its action step
      //    (reached in-app, so leaving the meeting page tears its editors down cleanly).
      await teacher.page
        .getByRole('navigation', { name: 'Breadcrumb' })
        .getByRole('link', { name: 'Coaching with Priya Shah' })
        .click();
      await expect.poll(() => teacher.page.getByTestId('meetings').innerText(), POLL).toContain(teacherLine);
      await screenshot(teacher.page, 'partnership-768');

      // Expected noise: the 401 from /api/me before signing up, and connections refused while
      // the teacher was offline or the suite.server was restarting.
      const unexpected = [...coachErrors, ...teacherErrors].filter(
        (e) => !/status of 401|WebSocket|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|socket\.io/.test(e),
      );
      expect(unexpected).toEqual([]);

      // 9. Someone outside the partnership who has the link sees nothing of the meeting.
      const outsider = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
      try {
        await outsider.page.goto('/signup');
        await signUpThroughForm(outsider.page, {
          name: 'Olly Outsider',
          email: `olly.${stamp}@school.test`,
          password: 'yet another passphrase',
        });
        await outsider.page.getByRole('heading', { name: 'Hello, Olly' }).waitFor();
        await outsider.page.goto(meetingPath);
        await outsider.page.getByRole('heading', { level: 1, name: 'We cannot find this meeting' }).waitFor();
        await outsider.page.getByText('It may have been deleted, or it is not shared with you.').waitFor();
        expect(await outsider.page.getByRole('textbox').count()).toBe(0);
        expect(await outsider.page.content()).not.toContain(coachLine);
      } finally {
        await outsider.context.close();
      }
    } catch (error) {
      // Leave evidence behind: what each person saw, and what their console said.
      await screenshot(coach.page, 'failure-coach').catch(() => undefined);
      await screenshot(teacher.page, 'failure-teacher').catch(() => undefined);
      console.error([...coachErrors, ...teacherErrors].join('\n'));
      throw error;
    } finally {
      await coach.context.close();
      await teacher.context.close();
    }
  });
});
