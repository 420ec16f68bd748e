/**
 * Models in the browser: a coach of a school writes a model on the school's
 * Models page and improves it (its history shows both versions); in a meeting
 * with a teacher of a linked partnership, the coach picks it with "Use a
 * model", and the teacher's editors show its words live, under Modelled
 * strategy and Practice plan. Screenshots go to /tmp/shots-models/.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { POLL, browserPeople } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';
import { text } from '../helpers/meetingPage.js';
import { agreeToLink, createSchool, invitationToken, joinSchool } from '../helpers/schools.js';

const SHOTS = '/tmp/shots-models';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('models in the browser', () => {
  const suite = browserSuite();

  it(
    'a coach writes a model and uses it in a meeting; the teacher sees the words live',
    { timeout: 180_000 },
    async () => {
      const leadUser = await buildUser(suite.server, { name: 'Rosalind Achebe' });
      const coachUser = await buildUser(suite.server, { name: 'Priya Shah' });
      const teacherUser = await buildUser(suite.server, { name: 'Tom Okafor' });
      const school = await createSchool(leadUser, 'Larchfield Primary');
      await joinSchool(coachUser, await invitationToken(leadUser, school.id, 'coach'));
      const problem = await leadUser.client.post(`/api/schools/${school.id}/problems`, {
        title: 'Students give up on tricky tasks',
      });
      expect(problem.status).toBe(201);
      const partners = await buildPartnership(suite.server, { coach: coachUser, teacher: teacherUser });
      await agreeToLink(coachUser, partners.partnership.id, school.id);
      await agreeToLink(teacherUser, partners.partnership.id, school.id);
      const { meeting } = await buildMeeting(suite.server, partners, { title: 'Tricky tasks, week 2' });

      const people = browserPeople(suite.browser, suite.server.url);
      const { errors } = people;
      const as = people.as;

      try {
        // The coach writes a model from the school's page.
        const coach = await as(coachUser.cookie, 'coach');
        await coach.goto(`/schools/${school.id}`);
        await coach.getByRole('link', { name: 'Models' }).click();
        await coach.getByRole('heading', { name: 'Models', exact: true }).waitFor();
        await coach.getByRole('button', { name: 'Write a model' }).click();
        await coach.getByLabel('Strategy name').fill('Think, try, then ask');
        await coach
          .getByLabel('Key moves')
          .fill('Give ten seconds of silent thinking time\nPoint to the first worked step, not the answer');
        await coach
          .getByLabel('What it looks like done well')
          .fill('Every pupil has written something before a hand goes up');
        await coach
          .getByLabel('A practice activity')
          .fill('Rehearse the prompt three times with a colleague playing a stuck pupil');
        await coach.getByLabel('Example action steps').fill('Use the prompt at the first tricky task of each lesson');
        await coach.getByRole('checkbox', { name: 'Students give up on tricky tasks' }).check();
        await coach.getByLabel('Phases and subjects').fill('KS2, maths');
        await coach.getByRole('button', { name: 'Save the model' }).click();
        await coach.getByRole('heading', { name: 'Think, try, then ask' }).waitFor();

        // ...and improves it; the history keeps both versions.
        await coach.getByRole('button', { name: 'Improve it' }).click();
        await coach
          .getByLabel('What it looks like done well')
          .fill('Every pupil has written something before a hand goes up, even a first step');
        await coach.getByRole('button', { name: 'Save the improvement' }).click();
        await coach.getByRole('button', { name: 'History (2 versions)' }).click();
        await expect
          .poll(() => coach.getByTestId('model-history').innerText(), POLL)
          .toContain('Improved by Priya Shah');
        await shot(coach, '1-models-page');
        expect(await seriousViolations(coach), 'axe on the Models page').toEqual([]);

        // The lead improves it meanwhile; the coach's next save from the older version neither is lost nor
        // silently writes over the lead's: the page shows the lead's version, and a second save goes on top.
        const listed = await leadUser.client.get(`/api/schools/${school.id}/models`);
        const [written] = (listed.body as { models: { id: string; problemIds: string[] }[] }).models;
        if (!written) throw new Error('the model is missing');
        const leadEdit = await leadUser.client.request('PATCH', `/api/models/${written.id}`, {
          body: {
            name: 'Think, try, then ask',
            keyMoves: 'Give ten seconds of silent thinking time\nPoint to the first worked step, not the answer',
            doneWell: 'Pupils try a first step on their own',
            problemIds: written.problemIds,
            tags: ['KS2', 'maths'],
            expectedRevision: 2,
          },
        });
        expect(leadEdit.status).toBe(200);
        await coach.getByRole('button', { name: 'Improve it' }).click();
        await coach.getByLabel('Example action steps').fill('Use the prompt at the first tricky task of each lesson');
        await coach.getByRole('button', { name: 'Save the improvement' }).click();
        await expect.poll(() => coach.getByTestId('stale-model').innerText(), POLL).toContain('Rosalind Achebe saved');
        expect(await coach.getByTestId('stale-model').innerText()).toContain('Pupils try a first step on their own');
        await shot(coach, '1b-someone-saved-first');
        await coach
          .getByLabel('What it looks like done well')
          .fill('Pupils try a first step on their own, even a first step');
        await coach.getByRole('button', { name: 'Save the improvement' }).click();
        await expect.poll(() => coach.getByTestId('model-history').innerText(), POLL).toContain('(revision 4)');

        // In the meeting, the coach uses the model; the teacher sees its words arrive.
        const teacher = await as(teacherUser.cookie, 'teacher');
        await teacher.goto(`/meetings/${meeting.id}`);
        await coach.goto(`/meetings/${meeting.id}`);
        for (const page of [coach, teacher]) {
          await expect.poll(() => page.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        }
        await coach.getByRole('button', { name: 'Use a model' }).click();
        await coach.getByTestId('model-choices').waitFor();
        await shot(coach, '2-use-a-model-picker');
        expect(await seriousViolations(coach), 'axe on the meeting with the picker open').toEqual([]);
        await coach.getByRole('button', { name: 'Use this model: Think, try, then ask' }).click();

        await expect.poll(() => text(teacher, 'modelledStrategy'), POLL).toContain('Point to the first worked step');
        expect(await text(teacher, 'modelledStrategy')).toContain(
          'Pupils try a first step on their own, even a first step',
        );
        await expect.poll(() => text(teacher, 'practicePlan'), POLL).toContain('Rehearse the prompt three times');
        expect(await text(teacher, 'practicePlan')).toContain('Use the prompt at the first tricky task');
        await expect.poll(() => coach.getByTestId('connection-status').innerText(), POLL).toBe('Live');
        await shot(teacher, '3-teacher-sees-the-model');
        await shot(coach, '4-coach-after-using-the-model');

        // The use is recorded once: the picker now offers it again.
        await coach.getByRole('button', { name: 'Use a model' }).click();
        await expect.poll(() => coach.getByTestId('model-choices').innerText(), POLL).toContain('Use it again');
        expect(errors).toEqual([]);
      } finally {
        await people.close();
      }
    },
  );
});
