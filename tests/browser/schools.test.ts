/**
 * A school in the browser: the lead starts a school and writes a persistent
 * problem; a coach joins by link and asks for their partnership to be counted;
 * the teacher reads what the school can and cannot see, agrees, chooses the
 * problem for their cycle with a focus of their own, and opens "What the school
 * sees"; the lead's programme page shows "fewer than 5" for one partnership.
 * Screenshots go to /tmp/shots-schools/.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { POLL, browserPeople } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';

const SHOTS = '/tmp/shots-schools';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('a school in the browser', () => {
  const suite = browserSuite();

  it('sets up a school and a problem, links a partnership, and shows counts only', { timeout: 180_000 }, async () => {
    const leadUser = await buildUser(suite.server, { name: 'Rosalind Achebe' });
    const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
    const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
    const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
    const { meeting } = await buildMeeting(suite.server, partners, { title: 'Tricky tasks, week 1' });
    const people = browserPeople(suite.browser, suite.server.url);
    const { errors } = people;
    const as = people.as;

    try {
      // The lead starts the school from their account page and writes a problem.
      const lead = await as(leadUser.cookie, 'lead');
      await lead.goto('/account');
      await lead.getByRole('link', { name: 'Your schools' }).click();
      await lead.getByLabel('School name').fill('Larchfield Primary');
      await lead.getByRole('button', { name: 'Start the school' }).click();
      await lead.getByRole('heading', { name: 'Larchfield Primary' }).waitFor();
      await lead.getByRole('button', { name: 'Write a persistent problem' }).click();
      await lead.getByLabel('Title').fill('Students give up on tricky tasks');
      await lead
        .getByLabel('What staff see')
        .fill('Hands go up before anyone has tried the second step. Books stop at the first hard question.');
      await lead.getByLabel('Why it matters').fill('The struggle is where the learning happens.');
      await lead.getByRole('button', { name: 'Save the problem' }).click();
      await lead.getByRole('heading', { name: 'Students give up on tricky tasks' }).waitFor();
      await lead.getByRole('button', { name: 'Make a link for coaches' }).click();
      const inviteUrl = await lead.getByTestId('school-invite-url').innerText();
      await shot(lead, '1-lead-school');

      // The coach joins by the link and asks for the partnership to be counted.
      const coach = await as(coachUser.cookie, 'coach');
      await coach.goto(new URL(inviteUrl).pathname);
      await coach.getByRole('button', { name: 'Join Larchfield Primary' }).click();
      await coach.getByRole('heading', { name: 'Larchfield Primary' }).waitFor();
      await shot(coach, '2-coach-joined');
      await coach.goto(`/partnerships/${partners.partnership.id}`);
      await coach.getByTestId('partnership-school').getByRole('combobox').selectOption({ label: 'Larchfield Primary' });
      await coach.getByTestId('what-the-school-counts').waitFor();
      await shot(coach, '3-coach-before-agreeing');
      await coach.getByRole('button', { name: 'I agree: ask Tom Okafor too' }).click();
      await expect
        .poll(() => coach.getByTestId('school-link-status').innerText(), POLL)
        .toContain('Nothing is counted until Tom Okafor agrees too');

      // The teacher reads what the school can and cannot see, and agrees.
      const teacher = await as(teacherUser.cookie, 'teacher');
      await teacher.goto(`/partnerships/${partners.partnership.id}`);
      await expect
        .poll(() => teacher.getByTestId('school-link-status').innerText(), POLL)
        .toContain('Priya Shah has asked');
      const explained = await teacher.getByTestId('what-the-school-counts').innerText();
      expect(explained).toContain('never the step itself');
      expect(explained).toContain('not a word of them');
      await shot(teacher, '4-teacher-asked');
      await teacher.getByRole('button', { name: 'I agree', exact: true }).click();
      await expect.poll(() => teacher.getByTestId('school-link-status').innerText(), POLL).toContain('You both agreed');

      // The teacher chooses the problem for their cycle, with their own focus.
      await teacher.goto(`/meetings/${meeting.id}`);
      const picker = teacher.getByTestId('cycle-problem');
      await picker.getByRole('button', { name: 'Choose a problem' }).click();
      await picker.getByLabel('Problem').selectOption({ label: 'Students give up on tricky tasks' });
      await picker.getByLabel('Your focus within it').fill('Year 4 trying the second step alone');
      await picker.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => picker.innerText(), POLL).toContain('Year 4 trying the second step alone');
      await shot(teacher, '5-teacher-cycle-problem');

      // What the school sees: this partnership's own counts, and nothing else.
      await teacher.goto(`/partnerships/${partners.partnership.id}`);
      await teacher.getByRole('link', { name: 'What the school sees' }).click();
      await teacher.getByRole('heading', { name: 'What the school sees' }).waitFor();
      const view = await teacher.getByTestId('school-view-overall').innerText();
      expect(view).toContain('Meetings held');
      expect(await teacher.locator('main').innerText()).not.toContain('Tricky tasks, week 1');
      await shot(teacher, '6-teacher-what-the-school-sees');

      // The lead's programme: one partnership, so every figure is "fewer than 5"; no names, no titles.
      await lead.goto('/schools');
      await lead.getByRole('link', { name: 'Larchfield Primary' }).click();
      await lead.getByRole('link', { name: 'The programme' }).click();
      await lead.getByRole('heading', { name: 'The coaching programme' }).waitFor();
      expect(await lead.getByTestId('active-partnerships').innerText()).toBe('fewer than 5');
      const page = await lead.locator('main').innerText();
      for (const never of ['Tom Okafor', 'Priya Shah', 'Tricky tasks, week 1', 'Year 4 trying']) {
        expect(page).not.toContain(never);
      }
      await shot(lead, '7-lead-programme');
      expect(errors).toEqual([]);
    } finally {
      await people.close();
    }
  });
});
