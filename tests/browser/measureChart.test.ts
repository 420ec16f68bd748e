/**
 * The measure over the cycle in two browsers: the coach and the teacher each
 * record a value from the cycle panel and see the other's arrive live in the
 * chart's sentence and table; a correction shows as one; the partnership page
 * charts the cycle on a phone without overflowing. Screenshots (desktop and
 * 390 px) go to /tmp/shots-measure/.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayLabel } from '../../shared/measureChart.js';
import { seriousViolations } from '../helpers/axe.js';
import { POLL, newPerson, recordPageErrors, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { daysFromToday } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';

const SHOTS = '/tmp/shots-measure';
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();

const summary = (page: Page) => page.getByTestId('cycle-panel').getByTestId('measure-summary').innerText();

async function recordValue(page: Page, value: string, measuredOn: string) {
  const form = page.getByRole('form', { name: 'Record a value' });
  await form.getByLabel('Value counted').fill(value);
  await form.getByLabel('Counted on').fill(measuredOn);
  await form.getByRole('button', { name: 'Record value' }).click();
}

describe('the measure over the cycle', () => {
  const suite = browserSuite();

  it('partners record values and both see the chart and table move', { timeout: 180_000 }, async () => {
    const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
    const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
    const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
    const meetings = [];
    for (const title of ['Goal setting', 'Modelling the pause', 'Looking at the tally']) {
      meetings.push((await buildMeeting(suite.server, partners, { title })).meeting);
    }
    // The meetings of a cycle happen a fortnight apart, not in one afternoon.
    const { db } = suite.server.server.services;
    for (const [i, ago] of [28, 14, 0].entries()) {
      await db
        .updateTable('meetings')
        .set({ created_at: isoDaysAgo(ago) })
        .where('id', '=', meetings[i]!.id)
        .execute();
    }
    await db
      .updateTable('cycles')
      .set({ started_at: isoDaysAgo(28) })
      .where('partnership_id', '=', partners.partnership.id)
      .execute();
    const { cycle } = (await coachUser.client.get(`/api/meetings/${meetings[2]!.id}/coaching`)).body as {
      cycle: { id: string };
    };
    const set = await coachUser.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: { measureWhat: 'Pupils who try the second step before asking', baseline: 4, target: 12 },
    });
    expect(set.status).toBe(200);

    const coach = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const teacher = await newPerson(suite.browser, { baseURL: suite.server.url, width: 1280 });
    const errors = [...[recordPageErrors(coach.page, 'coach')], ...[recordPageErrors(teacher.page, 'teacher')]];
    await signInWithCookie(coach.context, suite.server.url, coachUser.cookie);
    await signInWithCookie(teacher.context, suite.server.url, teacherUser.cookie);

    try {
      for (const page of [coach.page, teacher.page]) {
        await page.goto(`/meetings/${meetings[2]!.id}`);
        await page.getByTestId('measure-chart').waitFor();
        expect(await summary(page)).toBe('4 at the start; no values recorded since; the target is 12.');
      }

      // The coach records what was counted three weeks ago; the teacher's page shows it without reloading.
      await recordValue(coach.page, '6', daysFromToday(-21));
      const first = `From 4 at the start to 6 on ${dayLabel(daysFromToday(-21))}; the target is 12.`;
      await expect.poll(() => summary(teacher.page), POLL).toBe(first);
      await expect.poll(() => summary(coach.page), POLL).toBe(first);

      // The teacher records yesterday's count; the coach sees it.
      await recordValue(teacher.page, '9', daysFromToday(-1));
      const both = `From 4 at the start to 9 on ${dayLabel(daysFromToday(-1))} (2 values recorded); the target is 12.`;
      await expect.poll(() => summary(coach.page), POLL).toBe(both);
      await expect.poll(() => summary(teacher.page), POLL).toBe(both);
      // The latest value in the measure's numbers is the latest recorded.
      await expect.poll(() => coach.page.locator('.measure').innerText(), POLL).toContain('9');

      // The numbers, as a table: baseline, each value with who recorded it, target.
      const panel = coach.page.getByTestId('cycle-panel');
      await panel.getByText('The numbers').click();
      const rows = async (page: Page) =>
        (await page.getByTestId('cycle-panel').getByTestId('measure-table').locator('tbody tr').allInnerTexts()).map(
          (r) => r.replace(/\s+/g, ' ').trim(),
        );
      const table = await rows(coach.page);
      expect(table).toHaveLength(4);
      expect(table[0]).toBe('Baseline 4');
      expect(table[1]).toMatch(/ 6 Priya Shah$/);
      expect(table[2]).toMatch(/ 9 Tom Okafor$/);
      expect(table[3]).toBe('Target 12');
      // The chart's drawing is named by the sentence.
      const name = await panel.locator('svg[role="img"]').evaluate((svg) => {
        const id = svg.getAttribute('aria-labelledby') ?? '';
        return document.getElementById(id)?.textContent ?? '';
      });
      expect(name).toBe(both);
      expect(await seriousViolations(coach.page)).toEqual([]);
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${SHOTS}/panel-coach-1280.png` });
      await shot(coach.page, 'meeting-coach-1280');

      // The teacher corrects the coach's 6 to 7: the coach's table says who corrected it.
      const manage = teacher.page.getByTestId('cycle-panel');
      await manage.getByText('Correct or remove a value').click();
      await manage.getByRole('button', { name: /^Correct 6 on / }).click();
      const correction = manage.getByRole('form', { name: /^Correct 6 on / });
      await correction.getByLabel('Value').fill('7');
      await correction.getByRole('button', { name: 'Save correction' }).click();
      await expect
        .poll(async () => (await rows(coach.page))[1], POLL)
        .toMatch(/ 7 Priya Shah \(corrected by Tom Okafor\)$/);
      await manage.screenshot({ path: `${SHOTS}/panel-teacher-corrected-1280.png` });

      // The partnership page charts the cycle too.
      await coach.page.goto(`/partnerships/${partners.partnership.id}`);
      await coach.page.getByTestId('measure-chart').waitFor();
      expect(await coach.page.getByTestId('measure-summary').innerText()).toBe(both);
      await shot(coach.page, 'partnership-coach-1280');

      // The cycle's record page: the same sentence, and the table open for reading or printing.
      await coach.page.goto(`/cycles/${cycle.id}`);
      const record = coach.page.getByTestId('record-measure');
      await record.getByTestId('measure-table').waitFor();
      expect(await record.getByTestId('measure-summary').innerText()).toBe(both);
      expect(await record.getByTestId('measure-table').innerText()).toContain('(corrected by Tom Okafor)');
      await shot(coach.page, 'cycle-record-coach-1280');
      expect(errors.flat()).toEqual([]);
    } finally {
      await coach.context.close();
      await teacher.context.close();
    }

    // On a phone: the partnership page and the meeting's drawer fit 390 px.
    const phone = await newPerson(suite.browser, { baseURL: suite.server.url, width: 390, height: 844 });
    await signInWithCookie(phone.context, suite.server.url, teacherUser.cookie);
    try {
      const fits = () => phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      await phone.page.goto(`/partnerships/${partners.partnership.id}`);
      await phone.page.getByTestId('measure-chart').waitFor();
      expect(await fits()).toBe(true);
      await shot(phone.page, 'partnership-teacher-390');

      await phone.page.goto(`/meetings/${meetings[2]!.id}`);
      await phone.page.getByRole('button', { name: 'Cycle and measure' }).click();
      const drawer = phone.page.getByRole('dialog', { name: 'Cycle and measure' });
      await drawer.getByTestId('measure-chart').waitFor();
      await drawer.getByText('The numbers').click();
      expect(await fits()).toBe(true);
      const box = await drawer.locator('svg[role="img"]').boundingBox();
      expect(box?.width).toBeLessThanOrEqual(390);
      expect(box?.width).toBeGreaterThan(250);
      await drawer.getByTestId('measure-chart').scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: `${SHOTS}/drawer-teacher-390.png` });
    } finally {
      await phone.context.close();
    }
  });
});
