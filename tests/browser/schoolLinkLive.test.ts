/**
 * A school link, live, in two browsers: the teacher asks for the partnership to
 * be counted by their school; the coach's partnership page, open all along,
 * shows the request without a reload, and the coach agrees; the teacher's page
 * shows the link at once. Then, with the coach looking at the meeting, the
 * teacher chooses the school's problem for the cycle and the coach's cycle
 * panel shows it without a reload.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { describe, expect, it } from 'vitest';
import { POLL, browserPeople, screenshot } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { coachingOf } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';
import { createSchool, expectStatus, invitationToken, joinSchool } from '../helpers/schools.js';

describe('a school link, live', () => {
  const suite = browserSuite();

  it('shows the teacher’s request on the coach’s open page, and the coach agrees', { timeout: 180_000 }, async () => {
    const leadUser = await buildUser(suite.server, { name: 'Hannah Lead' });
    const coachUser = await buildUser(suite.server, { name: 'Aled Coach' });
    const teacherUser = await buildUser(suite.server, { name: 'Bea Teacher' });
    const school = await createSchool(leadUser, 'Millbrook Primary');
    await joinSchool(teacherUser, await invitationToken(leadUser, school.id, 'member'));
    const problem = await leadUser.client.post(`/api/schools/${school.id}/problems`, {
      title: 'Pupils wait to be told',
      symptoms: 'Nobody starts until the teacher has been round.',
      whyItMatters: 'Independence grows from starting alone.',
    });
    expectStatus(problem, 201, 'writing a problem');
    const problemId = (problem.body as { problem: { id: string } }).problem.id;
    const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
    const { meeting } = await buildMeeting(suite.server, partners, { title: 'Starting alone, week 1' });

    const people = browserPeople(suite.browser, suite.server.url);
    const { errors } = people;
    const as = people.as;

    try {
      // The coach has the partnership page open; they belong to no school, so nothing is asked yet.
      const coach = await as(coachUser.cookie, 'coach');
      await coach.goto(`/partnerships/${partners.partnership.id}`);
      const coachCard = coach.getByTestId('partnership-school');
      await expect.poll(() => coachCard.innerText(), POLL).toContain('not counted by any school');
      let reloads = 0;
      coach.on('framenavigated', (frame) => {
        if (frame === coach.mainFrame()) reloads += 1;
      });

      // The teacher asks.
      const teacher = await as(teacherUser.cookie, 'teacher');
      await teacher.goto(`/partnerships/${partners.partnership.id}`);
      await teacher
        .getByTestId('partnership-school')
        .getByRole('combobox')
        .selectOption({ label: 'Millbrook Primary' });
      await teacher.getByRole('button', { name: 'I agree: ask Aled Coach too' }).click();
      await expect
        .poll(() => teacher.getByTestId('school-link-status').innerText(), POLL)
        .toContain('Nothing is counted until Aled Coach agrees too');

      // The coach's open page shows the request at once, and the coach agrees there.
      await expect
        .poll(() => coach.getByTestId('school-link-status').innerText(), POLL)
        .toContain('Bea Teacher has asked for this partnership to be counted by Millbrook Primary');
      expect(reloads).toBe(0);
      await screenshot(coach, 'school-link-asked-coach');
      await coach.getByRole('button', { name: 'I agree', exact: true }).click();
      await expect.poll(() => coach.getByTestId('school-link-status').innerText(), POLL).toContain('You both agreed');

      // The teacher's open page shows the link without a reload.
      await expect
        .poll(() => teacher.getByTestId('school-link-status').innerText(), POLL)
        .toContain('You both agreed: Millbrook Primary counts this partnership');

      // With the coach looking at the meeting, the teacher chooses the school's problem for the cycle.
      await coach.goto(`/meetings/${meeting.id}`);
      const panel = coach.getByTestId('cycle-problem');
      await expect.poll(() => panel.innerText(), POLL).toContain('None chosen');
      const { cycle } = await coachingOf(teacherUser, meeting.id);
      expectStatus(
        await teacherUser.client.request('PUT', `/api/cycles/${cycle.id}/problem`, {
          body: { problemId, focus: 'Year 2 starting the first task alone' },
        }),
        200,
        'choosing the problem',
      );
      await expect.poll(() => panel.innerText(), POLL).toContain('Pupils wait to be told');
      await expect.poll(() => panel.innerText(), POLL).toContain('Year 2 starting the first task alone');
      expect(errors).toEqual([]);
    } finally {
      await people.close();
    }
  });
});
