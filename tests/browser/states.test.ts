/**
 * States worded for what they are: the step's agreement after one partner
 * agrees again to a changed step, "Goal met" only once the goal is set, the
 * invitation that fits a teacher, "Look at this" when the partner is away,
 * the home's "Agreed" and "Not agreed yet" told apart, and a meeting that
 * cannot be found.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { stepHash } from '../../shared/actionStep.js';
import { POLL, newPerson, recordPageErrors, screenshot, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { editor } from '../helpers/meetingPage.js';

const agreement = (page: Page) => page.getByTestId('agreement-status').innerText();

async function agreeOverHttp(person: UserFixture, meetingId: string, text: string): Promise<void> {
  const res = await person.client.post(`/api/meetings/${meetingId}/agreements`, { hash: stepHash(text, null) });
  expect(res.status).toBe(201);
}

describe('states worded for what they are', () => {
  const suite = browserSuite();

  async function personFor(user: UserFixture, width = 1280) {
    const person = await newPerson(suite.browser, { baseURL: suite.server.url, width });
    await signInWithCookie(person.context, suite.server.url, user.cookie);
    return { ...person, errors: recordPageErrors(person.page, user.user.name) };
  }

  async function openMeeting(page: Page, meetingId: string) {
    await page.goto(`/meetings/${meetingId}`);
    await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
    await editor(page, 'actionStep').waitFor();
    await page.getByTestId('agreement-status').waitFor();
  }

  it(
    'after one partner agrees again to a changed step, the other is asked and has the button',
    {
      timeout: 120_000,
    },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
      const { meeting } = await buildMeeting(suite.server, partners);

      const coach = await personFor(coachUser);
      const teacher = await personFor(teacherUser);
      try {
        for (const page of [coach.page, teacher.page]) await openMeeting(page, meeting.id);
        // Both agree to a step; then the coach changes it, and both see it changed.
        await editor(coach.page, 'actionStep').click();
        await coach.page.keyboard.type('Wait five seconds.');
        await expect.poll(() => editor(teacher.page, 'actionStep').innerText(), POLL).toBe('Wait five seconds.');
        for (const page of [coach.page, teacher.page]) await page.getByRole('button', { name: 'I agree' }).click();
        for (const page of [coach.page, teacher.page]) {
          await expect.poll(() => agreement(page), POLL).toMatch(/^✓ Agreed by you and/);
        }
        await editor(coach.page, 'actionStep').click();
        await coach.page.keyboard.press('End');
        await coach.page.keyboard.type(' Then ask again.');
        for (const page of [coach.page, teacher.page]) {
          await expect
            .poll(() => agreement(page), POLL)
            .toBe('Changed since you agreed. Read it again, and agree if it still stands.');
        }

        await teacher.page.getByRole('button', { name: 'I agree' }).click();

        // The teacher has agreed to the words as they are: told so, and no button.
        await expect
          .poll(() => agreement(teacher.page), POLL)
          .toBe('You agree to it as it is now. Changed since Priya Shah agreed: waiting for them to agree again.');
        expect(await teacher.page.getByRole('button', { name: 'I agree' }).count()).toBe(0);
        // The coach still has to: told so, with the button.
        await expect
          .poll(() => agreement(coach.page), POLL)
          .toBe(
            'Changed since you agreed. Tom Okafor agrees to it as it is now; read it again, and agree if it still stands.',
          );
        await coach.page.getByTestId('step-agreement').scrollIntoViewIfNeeded();
        await screenshot(coach.page, 'states-agree-again-coach-1280');
        await coach.page.getByRole('button', { name: 'I agree' }).click();
        for (const page of [coach.page, teacher.page]) {
          await expect.poll(() => agreement(page), POLL).toMatch(/^✓ Agreed by you and/);
        }
        expect([...coach.errors, ...teacher.errors]).toEqual([]);
      } finally {
        await coach.context.close();
        await teacher.context.close();
      }
    },
  );

  it('offers "Goal met" only once the goal is set', { timeout: 60_000 }, async () => {
    const { teacher: teacherUser, meeting } = await buildMeeting(suite.server);
    const teacher = await personFor(teacherUser);
    try {
      await openMeeting(teacher.page, meeting.id);
      const panel = teacher.page.getByTestId('cycle-panel');
      await panel.getByText('The goal is still a draft.').waitFor();
      expect(await panel.getByRole('button', { name: 'Goal met' }).count()).toBe(0);
      await panel.getByRole('button', { name: 'Set this cycle aside' }).waitFor();

      await panel.getByRole('button', { name: 'My goal is set' }).click();
      await panel.getByRole('button', { name: 'Goal met' }).waitFor();
      await panel.getByRole('button', { name: 'Back to a draft' }).click();
      await expect.poll(() => panel.getByRole('button', { name: 'Goal met' }).count(), POLL).toBe(0);
    } finally {
      await teacher.context.close();
    }
  });

  it(
    '"Look at this" says calmly that the partner is away, and is named by what it says',
    {
      timeout: 60_000,
    },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const { meeting } = await buildMeeting(
        suite.server,
        await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser }),
      );
      const coach = await personFor(coachUser);
      try {
        await openMeeting(coach.page, meeting.id);
        // Presence has loaded: only the coach is here.
        await expect.poll(() => coach.page.getByTestId('presence').innerText(), POLL).toContain('Priya Shah');
        expect(await coach.page.getByTestId('presence').innerText()).not.toContain('Tom Okafor');
        const look = coach.page.getByRole('button', { name: 'Look at this: Goal' });
        // The visible words start the accessible name (axe: label-content-name-mismatch).
        expect(await look.innerText()).toBe('Look at this');
        await look.click();
        const note = coach.page.getByTestId('look-away');
        await expect
          .poll(() => note.innerText(), POLL)
          .toBe('Tom Okafor isn’t here just now; they’ll see your notes when they open the meeting.');
        expect(await note.getAttribute('role')).toBe('status');
        await screenshot(coach.page, 'states-look-away-1280');

        // When the teacher comes in, the note goes and the request reaches them.
        const teacher = await personFor(teacherUser);
        try {
          await openMeeting(teacher.page, meeting.id);
          await expect.poll(() => note.count(), POLL).toBe(0);
          await look.click();
          await expect
            .poll(() => teacher.page.getByTestId('follow-prompt').innerText(), POLL)
            .toContain('Priya Shah would like you to look at Goal');
        } finally {
          await teacher.context.close();
        }
      } finally {
        await coach.context.close();
      }
    },
  );

  it(
    'a teacher is offered to invite their coach; the coach sees "Not agreed yet" apart from "Agreed"',
    {
      timeout: 60_000,
    },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
      const { meeting } = await buildMeeting(suite.server, partners);
      await writeSection(suite.server, coachUser, meeting.id, 'actionStep', 'Wait five seconds.');

      const teacher = await personFor(teacherUser);
      const coach = await personFor(coachUser);
      try {
        await teacher.page.goto('/');
        await teacher.page.getByTestId('partnerships').waitFor();
        await expect.poll(() => teacher.page.getByRole('radio', { name: /Teacher/ }).isChecked(), POLL).toBe(true);
        await teacher.page.getByRole('button', { name: 'Invite my coach' }).waitFor();
        // Choosing stays chosen.
        await teacher.page.getByRole('radio', { name: /Coach/ }).check();
        await teacher.page.getByRole('button', { name: 'Invite my teacher' }).waitFor();

        await coach.page.goto('/');
        await coach.page.getByRole('button', { name: 'Invite my teacher' }).waitFor();
        const pending = coach.page
          .getByTestId('partnership-summary')
          .locator('.badge', { hasText: /^Not agreed yet$/ });
        await pending.waitFor();
        const look = (el: Element) => {
          const style = getComputedStyle(el);
          return { background: style.backgroundColor, border: style.borderStyle };
        };
        const notAgreed = await pending.evaluate(look);
        await screenshot(coach.page, 'states-home-coach-1280');

        await agreeOverHttp(coachUser, meeting.id, 'Wait five seconds.');
        await agreeOverHttp(teacherUser, meeting.id, 'Wait five seconds.');
        await coach.page.reload();
        const agreed = coach.page.getByTestId('partnership-summary').locator('.badge', { hasText: /^✓ Agreed$/ });
        await agreed.waitFor();
        const agreedLook = await agreed.evaluate(look);
        // Not the same colour, and not colour alone: a dashed edge for what is still to do.
        expect(notAgreed.background).not.toBe(agreedLook.background);
        expect(notAgreed.border).toBe('dashed');
        expect(agreedLook.border).toBe('solid');
        expect(await coach.page.getByTestId('partnership-summary').innerText()).toContain('✓ Agreed');
      } finally {
        await teacher.context.close();
        await coach.context.close();
      }
    },
  );

  it(
    'a meeting that cannot be found has a heading, laid out like the other error pages',
    {
      timeout: 60_000,
    },
    async () => {
      const user = await buildUser(suite.server, { name: 'Priya Shah' });
      const person = await personFor(user);
      try {
        await person.page.goto('/meetings/no-such-meeting');
        await person.page.getByRole('heading', { level: 1, name: 'We cannot find this meeting' }).waitFor();
        expect(await person.page.locator('.page-message').count()).toBe(1);
        await person.page.getByRole('link', { name: 'Go to your home page' }).waitFor();
        await screenshot(person.page, 'states-meeting-not-found-1280');
      } finally {
        await person.context.close();
      }
    },
  );
});
