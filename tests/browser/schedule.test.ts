/**
 * The next meeting, in a real browser: the teacher schedules it on the
 * partnership page while the coach has their home page open; the coach's home
 * shows it without a reload, the teacher's home too, in British format and
 * London time. Screenshots of the scheduling panel, both homes and the
 * reminder settings (laptop and phone) go to /tmp/shots-schedule/.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPerson, recordPageErrors } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';

const SHOTS = '/tmp/shots-schedule';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A date a few days ahead, as the date input takes it, and how the page should write it. */
function aFewDaysAhead(): { input: string; shown: RegExp } {
  const d = new Date(Date.now() + 4 * 24 * 60 * 60_000);
  const input = d.toISOString().slice(0, 10);
  const day = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/London',
  }).format(new Date(`${input}T12:00:00Z`));
  return { input, shown: new RegExp(`^${day}(?: \\d{4})?, 15:30$`) };
}

describe('the next meeting, in the browser', () => {
  const suite = browserSuite();
  const signedInAs = (person: UserFixture, width?: number) =>
    newSignedInPerson(suite.browser, { baseURL: suite.server.url, cookie: person.cookie, width });

  it('a partner schedules the next meeting and both homes show it', { timeout: 120_000 }, async () => {
    const coach = await buildUser(suite.server, { name: 'Harriet Okafor' });
    const teacher = await buildUser(suite.server, { name: 'Tomasz Rydell' });
    const { partnership } = await buildPartnership(suite.server, { coach, teacher });
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    try {
      const c = await signedInAs(coach);
      contexts.push(c.context);
      errors.push(...recordPageErrors(c.page, 'coach'));
      await c.page.goto('/');
      await expect.poll(() => c.page.getByTestId('home-next-meeting').innerText()).toBe('Next meeting: not scheduled');

      const t = await signedInAs(teacher);
      contexts.push(t.context);
      errors.push(...recordPageErrors(t.page, 'teacher'));
      await t.page.goto(`/partnerships/${partnership.id}`);
      await t.page.getByRole('heading', { name: 'Next meeting' }).waitFor();
      await shot(t.page, 'partnership-not-scheduled');
      await t.page.getByRole('button', { name: 'Schedule the next meeting' }).click();
      const { input, shown } = aFewDaysAhead();
      await t.page.getByLabel('Date').fill(input);
      await t.page.getByLabel('Time').fill('15:30');
      await shot(t.page, 'partnership-scheduling-form');
      expect(await seriousViolations(t.page)).toEqual([]);
      await t.page.getByRole('button', { name: 'Save' }).click();
      await t.page.getByText('Saved. Harriet Okafor will see it too.').waitFor();
      expect(await t.page.getByTestId('next-meeting').innerText()).toMatch(shown);
      await shot(t.page, 'partnership-scheduled');

      // The coach's open home page follows without a reload.
      await expect.poll(() => c.page.getByTestId('home-next-meeting').innerText()).toMatch(/^Next meeting: /);
      const coachLine = (await c.page.getByTestId('home-next-meeting').innerText()).replace('Next meeting: ', '');
      expect(coachLine).toMatch(shown);
      await shot(c.page, 'home-coach');

      await t.page.goto('/');
      const teacherLine = (await t.page.getByTestId('home-next-meeting').innerText()).replace('Next meeting: ', '');
      expect(teacherLine).toMatch(shown);
      await shot(t.page, 'home-teacher');

      // The coach sees who set it on the partnership page, and can add it to their calendar.
      await c.page.goto(`/partnerships/${partnership.id}`);
      await c.page.getByText('Set by Tomasz Rydell.').waitFor();
      const [download] = await Promise.all([
        c.page.waitForEvent('download'),
        c.page.getByRole('link', { name: 'Add to my calendar' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^coaching-meeting-\d{4}-\d{2}-\d{2}\.ics$/);

      // Reminder settings, on the account page.
      await t.page.goto('/account');
      await t.page.getByRole('heading', { name: 'Reminders and calendar' }).waitFor();
      const dayBefore = t.page.getByRole('checkbox', { name: /The day before a meeting/ });
      await expect.poll(() => dayBefore.isChecked()).toBe(true);
      await dayBefore.uncheck();
      await t.page.getByRole('status').getByText('Saved.').waitFor();
      await t.page.getByRole('button', { name: 'Get a calendar link' }).click();
      await t.page.getByTestId('calendar-link').waitFor();
      expect(await seriousViolations(t.page)).toEqual([]);
      await shot(t.page, 'account-reminders');
      await t.page.reload();
      await expect
        .poll(() => t.page.getByRole('checkbox', { name: /The day before a meeting/ }).isChecked())
        .toBe(false);

      // On a phone: every control of the scheduling panel is at least 44 px tall.
      const phone = await signedInAs(teacher, 390);
      contexts.push(phone.context);
      await phone.page.goto(`/partnerships/${partnership.id}`);
      await phone.page.getByRole('button', { name: 'Change the time' }).click();
      const heights = await phone.page
        .getByTestId('next-meeting-panel')
        .locator('button, a.button, input')
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height)));
      expect(heights.length).toBeGreaterThan(0);
      expect(heights.filter((h) => h < 44)).toEqual([]);
      await shot(phone.page, 'phone-partnership-scheduling');
      await phone.page.goto('/account');
      await phone.page.getByRole('heading', { name: 'Reminders and calendar' }).waitFor();
      await shot(phone.page, 'phone-account-reminders');
      expect(errors).toEqual([]);
    } finally {
      for (const context of contexts) await context.close();
    }
  });
});
