/**
 * Carry-forward: a new meeting keeps a snapshot of the previous meeting's step
 * (read from the server's copy of its document), whether it was agreed and its
 * date; either partner records whether it happened; homes warn when a step was
 * never looked back on or the partnership has gone quiet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepHash } from '../../shared/actionStep.js';
import { ErrorBodySchema } from '../../shared/api.js';
import { coachingOf, daysFromToday, summaryOf, writeSection } from '../helpers/coaching.js';
import { buildMeeting } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const STEP = 'Use the three-step prompt with Year 9 before offering help.';

describe('carrying the step forward', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("shows the previous meeting's step in the next meeting, as it stood then", async () => {
    const first = await buildMeeting(server);
    const { coach, teacher } = first;
    expect((await coachingOf(coach, first.meeting.id)).coaching.carried).toBeNull();
    const nothing = await teacher.client.request('PUT', `/api/meetings/${first.meeting.id}/review`, {
      body: { outcome: 'yes' },
    });
    expect(nothing.status).toBe(409);
    expect(ErrorBodySchema.parse(nothing.body).error.id).toBe('nothing_to_review');

    await writeSection(server, teacher, first.meeting.id, 'goal', 'Students try two strategies before asking.');
    await writeSection(server, teacher, first.meeting.id, 'actionStep', STEP);
    const due = daysFromToday(5);
    await coach.client.request('PUT', `/api/meetings/${first.meeting.id}/step-due`, { body: { dueOn: due } });
    const hash = stepHash(STEP, due);
    await coach.client.post(`/api/meetings/${first.meeting.id}/agreements`, { hash });
    await teacher.client.post(`/api/meetings/${first.meeting.id}/agreements`, { hash });

    const second = await buildMeeting(server, first, { startedBy: 'teacher' });
    const carried = (await coachingOf(coach, second.meeting.id)).coaching.carried;
    expect(carried).toMatchObject({ fromMeetingId: first.meeting.id, text: STEP, dueOn: due, agreed: true });

    // A later edit to the old meeting does not rewrite what was carried.
    await writeSection(server, coach, first.meeting.id, 'actionStep', 'Something else entirely');
    expect((await coachingOf(teacher, second.meeting.id)).coaching.carried?.text).toBe(STEP);

    const review = await teacher.client.request('PUT', `/api/meetings/${second.meeting.id}/review`, {
      body: { outcome: 'partly' },
    });
    expect(review.status).toBe(200);
    const bad = await coach.client.request('PUT', `/api/meetings/${second.meeting.id}/review`, {
      body: { outcome: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect((await coachingOf(coach, second.meeting.id)).coaching.review).toMatchObject({
      outcome: 'partly',
      by: { id: teacher.user.id },
    });

    const summary = await summaryOf(coach, first.partnership.id);
    expect(summary.lastMeeting?.id).toBe(second.meeting.id);
    expect(summary.warnings).toEqual([]);
  });

  it('picks the step of the meeting just before, not an older one', async () => {
    const first = await buildMeeting(server);
    await writeSection(server, first.coach, first.meeting.id, 'actionStep', 'Old step');
    const second = await buildMeeting(server, first);
    await writeSection(server, first.teacher, second.meeting.id, 'actionStep', 'Newer step');
    const third = await buildMeeting(server, first);
    const carried = (await coachingOf(first.teacher, third.meeting.id)).coaching.carried;
    expect(carried).toMatchObject({ fromMeetingId: second.meeting.id, text: 'Newer step', agreed: false });
  });

  it('warns the coach when a carried step was never reviewed, or the partnership has gone quiet', async () => {
    const first = await buildMeeting(server);
    await writeSection(server, first.coach, first.meeting.id, 'actionStep', STEP);
    const second = await buildMeeting(server, first);
    await first.coach.client.post(`/api/meetings/${second.meeting.id}/end`);
    expect((await summaryOf(first.coach, first.partnership.id)).warnings).toEqual(['step_not_reviewed']);

    const { deps } = server.server.services.coaching;
    const realNow = deps.now;
    deps.now = () => new Date(Date.now() + 15 * 24 * 60 * 60 * 1000);
    try {
      expect((await summaryOf(first.coach, first.partnership.id)).warnings).toEqual(['quiet', 'step_not_reviewed']);
    } finally {
      deps.now = realNow;
    }
  });
});
