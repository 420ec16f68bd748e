/**
 * Agreeing to the action step, on SQLite and PostgreSQL. The server hashes the
 * step from its own copy of the document; both partners must agree to the same
 * hash; an edit (or a new date) after agreement makes it stale; stale hashes,
 * agreeing twice, an empty step, a date in the past and outsiders are refused,
 * and nothing stored changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepHash } from '../../shared/actionStep.js';
import { ErrorBodySchema } from '../../shared/api.js';
import { CoachingResponseSchema } from '../../shared/coaching.js';
import { TimelineResponseSchema } from '../../shared/home.js';
import { backendsToTest } from '../helpers/backends.js';
import { coachingOf, daysFromToday, summaryOf, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildUser, type UserFixture } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();
const STEP = 'When students stall, use the three-step prompt before helping.';

describe.each(backends)('agreeing to the action step (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const agree = (who: UserFixture, meetingId: string, hash: string) =>
    who.client.post(`/api/meetings/${meetingId}/agreements`, { hash });
  const errorId = (body: unknown) => ErrorBodySchema.parse(body).error.id;

  it('counts as agreed only when both partners agreed to the same text', async () => {
    const { coach, teacher, meeting, partnership } = await buildMeeting(server);
    await writeSection(server, teacher, meeting.id, 'actionStep', STEP);
    const hash = stepHash(STEP, null);

    const first = await agree(coach, meeting.id, hash);
    expect(first.status).toBe(201);
    expect(CoachingResponseSchema.parse(first.body).coaching.step.agreements).toEqual([
      expect.objectContaining({ userId: coach.user.id, role: 'coach', hash }),
    ]);
    expect((await summaryOf(teacher, partnership.id)).currentStep).toMatchObject({ text: STEP, agreed: false });

    expect((await agree(teacher, meeting.id, hash)).status).toBe(201);
    const { agreements } = (await coachingOf(coach, meeting.id)).coaching.step;
    expect(agreements.map((a) => a.role).sort()).toEqual(['coach', 'teacher']);
    expect(agreements.every((a) => a.hash === hash)).toBe(true);
    expect((await summaryOf(coach, partnership.id)).currentStep).toMatchObject({ text: STEP, agreed: true });
  });

  it('goes stale when the step is edited after agreement, and old hashes are refused', async () => {
    const { coach, teacher, meeting, partnership } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'actionStep', STEP);
    const hash = stepHash(STEP, null);
    await agree(coach, meeting.id, hash);
    await agree(teacher, meeting.id, hash);

    const edited = `${STEP} Twice a lesson.`;
    await writeSection(server, coach, meeting.id, 'actionStep', edited);
    expect((await summaryOf(teacher, partnership.id)).currentStep).toMatchObject({ text: edited, agreed: false });
    const timeline = TimelineResponseSchema.parse(
      (await coach.client.get(`/api/partnerships/${partnership.id}/timeline`)).body,
    );
    expect(timeline.meetings[0]?.step).toMatchObject({ text: edited, agreed: false });

    const before = (await coachingOf(teacher, meeting.id)).coaching.step;
    const stale = await agree(teacher, meeting.id, hash);
    expect(stale.status).toBe(409);
    expect(errorId(stale.body)).toBe('stale');
    expect((await coachingOf(teacher, meeting.id)).coaching.step).toEqual(before);

    // Agreeing again to the new words brings it back.
    const fresh = stepHash(edited, null);
    await agree(teacher, meeting.id, fresh);
    await agree(coach, meeting.id, fresh);
    expect((await summaryOf(teacher, partnership.id)).currentStep?.agreed).toBe(true);
  });

  it('refuses agreeing twice, an empty step and a malformed hash, storing nothing', async () => {
    const { coach, meeting } = await buildMeeting(server);
    const empty = await agree(coach, meeting.id, stepHash('', null));
    expect(empty.status).toBe(409);
    expect(errorId(empty.body)).toBe('empty_step');

    await writeSection(server, coach, meeting.id, 'actionStep', STEP);
    const hash = stepHash(STEP, null);
    expect((await agree(coach, meeting.id, hash)).status).toBe(201);
    const before = (await coachingOf(coach, meeting.id)).coaching.step;
    const twice = await agree(coach, meeting.id, hash);
    expect(twice.status).toBe(409);
    expect(errorId(twice.body)).toBe('already_agreed');
    const malformed = await agree(coach, meeting.id, 'not-a-hash');
    expect(malformed.status).toBe(400);
    expect(ErrorBodySchema.parse(malformed.body).error.fields).toHaveProperty('hash');
    expect((await coachingOf(coach, meeting.id)).coaching.step).toEqual(before);
  });

  it('refuses someone outside the partnership (404) and records nothing', async () => {
    const { coach, meeting } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'actionStep', STEP);
    const outsider = await buildUser(server);
    const res = await agree(outsider, meeting.id, stepHash(STEP, null));
    expect(res.status).toBe(404);
    expect((await coachingOf(coach, meeting.id)).coaching.step.agreements).toEqual([]);
  });

  it('makes the due date part of the step: a past date is refused, a new date asks for agreement again', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    await writeSection(server, teacher, meeting.id, 'actionStep', STEP);
    const due = daysFromToday(7);
    const setDue = (who: UserFixture, dueOn: string | null) =>
      who.client.request('PUT', `/api/meetings/${meeting.id}/step-due`, { body: { dueOn } });

    expect((await setDue(teacher, due)).status).toBe(200);
    const past = await setDue(coach, daysFromToday(-3));
    expect(past.status).toBe(400);
    expect(ErrorBodySchema.parse(past.body).error.fields).toEqual({ dueOn: 'Choose today or a later date' });
    const notADate = await setDue(coach, '2026-02-31');
    expect(notADate.status).toBe(400);
    expect((await coachingOf(coach, meeting.id)).coaching.step.dueOn).toBe(due);

    // Agreeing to the words without the date is agreeing to something else.
    expect(errorId((await agree(coach, meeting.id, stepHash(STEP, null))).body)).toBe('stale');
    const hash = stepHash(STEP, due);
    await agree(coach, meeting.id, hash);
    await agree(teacher, meeting.id, hash);

    await setDue(coach, daysFromToday(10));
    const after = (await coachingOf(teacher, meeting.id)).coaching.step;
    const current = stepHash(STEP, after.dueOn);
    expect(after.agreements.every((a) => a.hash !== current)).toBe(true);
  });
});
