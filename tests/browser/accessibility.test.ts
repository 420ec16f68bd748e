/**
 * axe-core on every page and state a person meets: signed out (sign in, sign
 * up, an invitation that works and ones that do not, an unknown address), the
 * coach's and the teacher's homes before and after they work together, the
 * partnership page, a meeting live with both present, offline and finished,
 * its history, search results, the cycle page, the account page, and the
 * pages that say something cannot be found. Each must have no serious or
 * critical violation (WCAG 2.1 A and AA, and axe's best practices; see
 * tests/helpers/axe.ts). Each page is checked once it has settled: nothing
 * left loading and the notes shown at full strength.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CreateInviteResponseSchema } from '../../shared/api.js';
import { seriousViolations } from '../helpers/axe.js';
import { POLL, newPerson, newSignedInPerson, recordPageErrors, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { coachingOf, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { editor } from '../helpers/meetingPage.js';
import { untilFound } from '../helpers/search.js';

const GOAL = 'Most of 9X try two strategies before asking for help.';
const STEP = 'Use the three-step prompt before helping.';

/** Resolves once nothing on the page is still loading and the notes are no longer shown faintly. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.loading, [aria-busy="true"]').count(), POLL).toBe(0);
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          [...document.querySelectorAll('.sections')].every((el) => getComputedStyle(el).opacity === '1'),
        ),
      POLL,
    )
    .toBe(true);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('accessibility of every page and state (axe-core)', () => {
  const suite = browserSuite();

  /** Checks the page as it stands, and keeps a screenshot of what was checked. */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    await settled(page);
    const found = await seriousViolations(page);
    if (found.length > 0) await screenshot(page, `a11y-${name}`);
    expect(found, `axe on ${name} (${page.url()})`).toEqual([]);
  }

  async function inviteToken(by: UserFixture, role: 'coach' | 'teacher'): Promise<string> {
    const res = await by.client.post('/api/invites', { role });
    expect(res.status).toBe(201);
    return CreateInviteResponseSchema.parse(res.body).token;
  }

  it('signed out: sign in, sign up, invitations, an unknown address', { timeout: 120_000 }, async () => {
    const coach = await buildUser(suite.server, { name: 'Priya Shah' });
    const visitor = await newPerson(suite.browser, { baseURL: suite.server.url });
    const errors = recordPageErrors(visitor.page, 'visitor');
    const { page } = visitor;
    try {
      await page.goto('/signin');
      await h1(page, 'Welcome back');
      await expectAccessible(page, 'sign-in');

      await page.goto('/signup');
      await h1(page, 'Create your Tandem account');
      await expectAccessible(page, 'sign-up');

      // A wrong password, said on the sign-in page.
      await page.goto('/signin');
      await page.getByLabel('Email').fill(coach.email);
      await page.getByLabel('Password').fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').waitFor();
      await expectAccessible(page, 'sign-in-refused');

      const token = await inviteToken(coach, 'coach');
      await page.goto(`/invite/${token}`);
      await h1(page, 'Priya Shah has invited you to work together in Tandem');
      await expectAccessible(page, 'invite-sign-up');
      await page.getByRole('button', { name: 'Sign in instead' }).click();
      await page.getByRole('heading', { name: 'First, sign in' }).waitFor();
      await expectAccessible(page, 'invite-sign-in');

      // An invitation past its date, and one that never existed.
      const expired = await inviteToken(coach, 'coach');
      await suite.server.server.services.db
        .updateTable('invites')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', createHash('sha256').update(expired).digest('hex'))
        .execute();
      for (const [name, link] of [
        ['invite-expired', expired],
        ['invite-unknown', 'no-such-invitation'],
      ] as const) {
        await page.goto(`/invite/${link}`);
        await h1(page, 'This invitation cannot be used');
        await expectAccessible(page, name);
      }

      await page.goto('/no/such/page');
      await h1(page, 'There is nothing at this address');
      await expectAccessible(page, 'unknown-address-signed-out');
      expect(errors.filter((e) => !/status of (401|404|410)/.test(e))).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });

  it(
    'homes empty and with a partnership, the partnership, account, search and not-found pages',
    { timeout: 180_000 },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const coach = await newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: coachUser.cookie });
      const teacher = await newSignedInPerson(suite.browser, {
        baseURL: suite.server.url,
        cookie: teacherUser.cookie,
      });
      const errors = [...recordPageErrors(coach.page, 'coach'), ...recordPageErrors(teacher.page, 'teacher')];
      try {
        for (const [who, page] of [
          ['coach', coach.page],
          ['teacher', teacher.page],
        ] as const) {
          await page.goto('/');
          await h1(page, /^Hello, /);
          await page.getByText('You are not working with anyone in Tandem yet.').waitFor();
          await expectAccessible(page, `home-empty-${who}`);
        }

        // Signed in, an invitation offers to accept it.
        await teacher.page.goto(`/invite/${await inviteToken(coachUser, 'coach')}`);
        await teacher.page.getByRole('button', { name: 'Accept' }).waitFor();
        await expectAccessible(teacher.page, 'invite-signed-in');

        // They work together: a meeting with a goal and a step, not yet agreed.
        const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
        const { meeting } = await buildMeeting(suite.server, partners, { title: 'Week 1 planning' });
        await writeSection(suite.server, coachUser, meeting.id, 'goal', GOAL);
        await writeSection(suite.server, coachUser, meeting.id, 'actionStep', STEP);

        for (const [who, page] of [
          ['coach', coach.page],
          ['teacher', teacher.page],
        ] as const) {
          await page.goto('/');
          await page.getByTestId('partnership-summary').waitFor();
          await expectAccessible(page, `home-partnership-${who}`);

          await page.goto(`/partnerships/${partners.partnership.id}`);
          await h1(page, /^Coaching with /);
          await page.getByTestId('meetings').getByRole('link').first().waitFor();
          await expectAccessible(page, `partnership-${who}`);
        }

        await coach.page.goto('/account');
        await h1(coach.page, 'Your account');
        await expectAccessible(coach.page, 'account');
        await coach.page.getByRole('button', { name: 'Delete my account…' }).click();
        await coach.page.getByLabel('Your password').waitFor();
        await expectAccessible(coach.page, 'account-delete-asked');

        // Search: results, a word no one wrote, and the empty search page.
        await untilFound(suite.server, teacherUser, 'strategies', meeting.id);
        await teacher.page.goto('/search?q=strategy');
        await teacher.page.getByTestId('search-hit').first().waitFor();
        await expectAccessible(teacher.page, 'search-results');
        await teacher.page.goto('/search?q=photosynthesis');
        await teacher.page.getByTestId('search-nothing').waitFor();
        await expectAccessible(teacher.page, 'search-nothing');
        await teacher.page.goto('/search');
        await h1(teacher.page, 'Search your notes');
        await expectAccessible(teacher.page, 'search-empty');

        await coach.page.goto('/meetings/no-such-meeting');
        await h1(coach.page, 'We cannot find this meeting');
        await expectAccessible(coach.page, 'meeting-not-found');
        await coach.page.goto('/no/such/page');
        await h1(coach.page, 'There is nothing at this address');
        await expectAccessible(coach.page, 'unknown-address-signed-in');

        expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
      } finally {
        await coach.context.close();
        await teacher.context.close();
      }
    },
  );

  it(
    'a meeting live with both present, offline, finished; its history and its cycle',
    { timeout: 240_000 },
    async () => {
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
      const { meeting } = await buildMeeting(suite.server, partners);
      await writeSection(suite.server, teacherUser, meeting.id, 'goal', GOAL);

      const coach = await newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: coachUser.cookie });
      const teacher = await newSignedInPerson(suite.browser, {
        baseURL: suite.server.url,
        cookie: teacherUser.cookie,
        width: 768,
        height: 1024,
      });
      const errors = [...recordPageErrors(coach.page, 'coach'), ...recordPageErrors(teacher.page, 'teacher')];
      try {
        // The coach alone asks the teacher to look at the goal, and is told they are not here yet.
        for (const page of [coach.page, teacher.page]) {
          await page.goto(`/meetings/${meeting.id}`);
          await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
          await editor(page, 'actionStep').waitFor();
          if (page !== coach.page) continue;
          await expect.poll(() => page.getByTestId('presence').innerText(), POLL).toContain('Priya Shah');
          await page.getByRole('button', { name: 'Look at this: Goal' }).click();
          await page.getByTestId('look-away').waitFor();
          await expectAccessible(page, 'meeting-partner-away');
        }

        // Live, both present, the coach writing.
        for (const page of [coach.page, teacher.page]) {
          await expect.poll(() => page.getByTestId('presence').innerText(), POLL).toContain('Priya Shah');
          await expect.poll(() => page.getByTestId('presence').innerText(), POLL).toContain('Tom Okafor');
        }
        await editor(coach.page, 'actionStep').click();
        await coach.page.keyboard.type(STEP);
        await expect.poll(() => editor(teacher.page, 'actionStep').innerText(), POLL).toBe(STEP);
        await expect.poll(() => coach.page.getByTestId('save-status').innerText(), POLL).toBe('Saved');
        await expectAccessible(coach.page, 'meeting-live-coach');
        await expectAccessible(teacher.page, 'meeting-live-teacher-768');

        // Who wrote what, and a request to look at a section.
        await coach.page.getByRole('button', { name: 'Show who wrote what' }).click();
        await coach.page.getByRole('list', { name: 'Colours' }).waitFor();
        await expectAccessible(coach.page, 'meeting-voices-coach');
        await coach.page.getByRole('button', { name: 'Look at this: Goal' }).click();
        await teacher.page.getByTestId('follow-prompt').waitFor();
        await expectAccessible(teacher.page, 'meeting-follow-prompt-teacher-768');

        // The teacher's wifi drops.
        await teacher.context.setOffline(true);
        await expect.poll(() => teacher.page.getByTestId('connection-status').innerText(), POLL).toBe('Offline');
        await teacher.page.getByTestId('disconnected-notice').waitFor();
        await expectAccessible(teacher.page, 'meeting-offline-teacher-768');
        await teacher.context.setOffline(false);
        await expect.poll(() => teacher.page.getByTestId('connection-status').innerText(), POLL).toBe('Live');

        // The coach finishes it: read-only for both, and said so.
        await coach.page.getByRole('button', { name: 'Finish meeting' }).click();
        await coach.page.getByRole('button', { name: 'Yes, finish it' }).waitFor();
        await expectAccessible(coach.page, 'meeting-finish-asked');
        await coach.page.getByRole('button', { name: 'Yes, finish it' }).click();
        for (const page of [coach.page, teacher.page]) {
          await page.getByTestId('finished-banner').waitFor();
          await expect.poll(() => editor(page, 'goal').getAttribute('contenteditable'), POLL).toBe('false');
        }
        await expectAccessible(coach.page, 'meeting-finished-coach');
        await expectAccessible(teacher.page, 'meeting-finished-teacher-768');

        // The teacher reopens it and writes: the coach sees who reopened it and what changed since.
        await teacher.page.getByRole('button', { name: 'Reopen to edit' }).click();
        await expect.poll(() => editor(teacher.page, 'goal').getAttribute('contenteditable'), POLL).toBe('true');
        await editor(teacher.page, 'goal').click();
        await teacher.page.keyboard.press('ControlOrMeta+End');
        await teacher.page.keyboard.type(' Twice a lesson.');
        await coach.page.getByTestId('reopened-note').waitFor();
        await coach.page.getByTestId('changed-since-finished').waitFor();
        await expectAccessible(coach.page, 'meeting-reopened-coach');

        // Its history: the list, a version as it was, and compared with now.
        await coach.page.getByRole('link', { name: 'History', exact: true }).click();
        await h1(coach.page, /^History of /);
        const finishedVersion = coach.page.getByRole('link', { name: /^Finished/ }).first();
        await finishedVersion.waitFor();
        await expectAccessible(coach.page, 'history');
        await finishedVersion.click();
        await coach.page.getByTestId('version-then').waitFor();
        await expectAccessible(coach.page, 'history-version');
        await coach.page.getByRole('button', { name: 'Compare with now' }).click();
        await coach.page.getByTestId('compare').waitFor();
        await expectAccessible(coach.page, 'history-compare');

        // The whole cycle on one page.
        const cycleId = (await coachingOf(coachUser, meeting.id)).cycle.id;
        await teacher.page.goto(`/cycles/${cycleId}`);
        await h1(teacher.page, /^Impact Cycle with /);
        await teacher.page.locator('.cycle-meeting').first().waitFor();
        await expectAccessible(teacher.page, 'cycle-record-768');
        await teacher.page.goto('/cycles/no-such-cycle');
        await teacher.page.getByRole('alert').waitFor();
        await expectAccessible(teacher.page, 'cycle-not-found-768');

        const unexpected = errors.filter(
          (e) => !/WebSocket|socket\.io|ERR_INTERNET_DISCONNECTED|status of 404/.test(e),
        );
        expect(unexpected).toEqual([]);
      } finally {
        await coach.context.close();
        await teacher.context.close();
      }
    },
  );
});
