/**
 * Impact Cycles over HTTP, on SQLite and PostgreSQL: meetings join the active
 * cycle; the teacher owns the goal (only they set it or mark the cycle met);
 * either partner edits the measure, and bad numbers change nothing; the coach
 * alone records the approach; PEERS ticks and the practice log; outsiders see
 * none of it; everything is still there after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, MeetingResponseSchema } from '../../shared/api.js';
import { CoachingResponseSchema } from '../../shared/coaching.js';
import { CycleListResponseSchema, CycleResponseSchema } from '../../shared/cycle.js';
import { backendsToTest } from '../helpers/backends.js';
import { coachingOf } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(backends)('coaching cycles (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function cycleAs(person: UserFixture, cycleId: string) {
    const res = await person.client.get(`/api/cycles/${cycleId}`);
    expect(res.status).toBe(200);
    return CycleResponseSchema.parse(res.body).cycle;
  }

  it('puts meetings in the active cycle, starting one when there is none', async () => {
    const first = await buildMeeting(server);
    const second = await buildMeeting(server, first, { startedBy: 'teacher' });
    const a = await coachingOf(first.coach, first.meeting.id);
    const b = await coachingOf(first.teacher, second.meeting.id);
    expect(b.coaching.cycleId).toBe(a.coaching.cycleId);
    expect(a.cycle).toMatchObject({ status: 'active', phase: 'identify', goal: { status: 'draft', setBy: null } });

    const list = await first.teacher.client.get(`/api/partnerships/${first.partnership.id}/cycles`);
    expect(CycleListResponseSchema.parse(list.body).cycles.map((c) => c.id)).toEqual([a.coaching.cycleId]);
  });

  it('lets only the teacher mark the goal as set (403 for the coach, nothing changes)', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);

    const refused = await coach.client.request('PUT', `/api/cycles/${cycle.id}/goal-status`, {
      body: { status: 'set' },
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body).id).toBe('forbidden');
    expect((await cycleAs(teacher, cycle.id)).goal).toMatchObject({ status: 'draft', setBy: null, setAt: null });

    const set = await teacher.client.request('PUT', `/api/cycles/${cycle.id}/goal-status`, { body: { status: 'set' } });
    expect(set.status).toBe(200);
    const after = await cycleAs(coach, cycle.id);
    expect(after.goal.status).toBe('set');
    expect(after.goal.setBy).toEqual({ id: teacher.user.id, name: teacher.user.name });
    expect(after.goal.setAt).not.toBeNull();
  });

  it('lets only the teacher mark the cycle met, once its goal is set; the next meeting starts a new cycle', async () => {
    const fixture = await buildMeeting(server);
    const { coach, teacher, meeting } = fixture;
    const { cycle } = await coachingOf(coach, meeting.id);

    for (const status of ['met', 'set_aside']) {
      const refused = await coach.client.request('PUT', `/api/cycles/${cycle.id}/status`, { body: { status } });
      expect(refused.status).toBe(403);
    }
    expect((await cycleAs(teacher, cycle.id)).status).toBe('active');

    // A draft goal has nothing to meet yet.
    const early = await teacher.client.request('PUT', `/api/cycles/${cycle.id}/status`, { body: { status: 'met' } });
    expect(early.status).toBe(409);
    expect(errorOf(early.body).id).toBe('goal_not_set');
    expect((await cycleAs(teacher, cycle.id)).status).toBe('active');

    const set = await teacher.client.request('PUT', `/api/cycles/${cycle.id}/goal-status`, { body: { status: 'set' } });
    expect(set.status).toBe(200);
    const met = await teacher.client.request('PUT', `/api/cycles/${cycle.id}/status`, { body: { status: 'met' } });
    expect(met.status).toBe(200);
    expect(CycleResponseSchema.parse(met.body).cycle).toMatchObject({
      status: 'met',
      closedBy: { id: teacher.user.id },
    });

    const next = await buildMeeting(server, fixture);
    const nextFacts = await coachingOf(teacher, next.meeting.id);
    expect(nextFacts.coaching.cycleId).not.toBe(cycle.id);
    expect(nextFacts.cycle.status).toBe('active');

    // Reopening the old one while the new one is active is refused.
    const reopen = await teacher.client.request('PUT', `/api/cycles/${cycle.id}/status`, {
      body: { status: 'active' },
    });
    expect(reopen.status).toBe(409);
    expect(errorOf(reopen.body).id).toBe('another_cycle_active');
  });

  it('lets either partner edit the measure, phase and tags; a measure that is not a number changes nothing', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);

    const edit = await coach.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: { measureWhat: 'Students who try the second step before asking', baseline: 6, target: 20, phase: 'learn' },
    });
    expect(edit.status).toBe(200);
    const tagged = await teacher.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: {
        latest: 11.5,
        latestOn: '2026-03-02',
        ecfArea: 'adaptive_teaching',
        focusTag: 'Resilience on tricky tasks',
      },
    });
    expect(tagged.status).toBe(200);
    const before = await cycleAs(teacher, cycle.id);
    expect(before).toMatchObject({
      phase: 'learn',
      ecfArea: 'adaptive_teaching',
      focusTag: 'Resilience on tricky tasks',
      measure: { what: 'Students who try the second step before asking', baseline: 6, target: 20, latest: 11.5 },
    });

    const notANumber = await coach.client.request('PATCH', `/api/cycles/${cycle.id}`, {
      body: { baseline: 'twelve', phase: 'improve' },
    });
    expect(notANumber.status).toBe(400);
    expect(errorOf(notANumber.body).fields).toEqual({ baseline: 'This should be a number' });
    const numericString = await coach.client.request('PATCH', `/api/cycles/${cycle.id}`, { body: { target: '20' } });
    expect(errorOf(numericString.body).fields).toHaveProperty('target');
    const badArea = await coach.client.request('PATCH', `/api/cycles/${cycle.id}`, { body: { ecfArea: 'vibes' } });
    expect(errorOf(badArea.body).fields).toHaveProperty('ecfArea');
    const empty = await coach.client.request('PATCH', `/api/cycles/${cycle.id}`, { body: {} });
    expect(empty.status).toBe(400);

    expect(await cycleAs(coach, cycle.id)).toEqual(before);
  });

  it('lets only the coach record the approach, and shows it to both', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const refused = await teacher.client.request('PUT', `/api/meetings/${meeting.id}/approach`, {
      body: { approach: 'directive' },
    });
    expect(refused.status).toBe(403);
    expect((await coachingOf(coach, meeting.id)).coaching.approach).toBeNull();

    const bad = await coach.client.request('PUT', `/api/meetings/${meeting.id}/approach`, {
      body: { approach: 'loud' },
    });
    expect(bad.status).toBe(400);

    const set = await coach.client.request('PUT', `/api/meetings/${meeting.id}/approach`, {
      body: { approach: 'dialogical' },
    });
    expect(set.status).toBe(200);
    expect(CoachingResponseSchema.parse(set.body).coaching.approach?.value).toBe('dialogical');
    expect((await coachingOf(teacher, meeting.id)).coaching.approach).toMatchObject({
      value: 'dialogical',
      by: { id: coach.user.id },
    });
  });

  it('keeps PEERS ticks per meeting, from either partner', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    await coach.client.request('PUT', `/api/meetings/${meeting.id}/peers`, {
      body: { criterion: 'studentFocused', checked: true },
    });
    await teacher.client.request('PUT', `/api/meetings/${meeting.id}/peers`, {
      body: { criterion: 'reachable', checked: true },
    });
    await teacher.client.request('PUT', `/api/meetings/${meeting.id}/peers`, {
      body: { criterion: 'studentFocused', checked: false },
    });
    const bad = await teacher.client.request('PUT', `/api/meetings/${meeting.id}/peers`, {
      body: { criterion: 'shiny', checked: true },
    });
    expect(bad.status).toBe(400);
    const { peers } = (await coachingOf(coach, meeting.id)).coaching;
    expect(peers.filter((p) => p.checked).map((p) => p.criterion)).toEqual(['reachable']);
    expect(peers.find((p) => p.criterion === 'studentFocused')?.by?.id).toBe(teacher.user.id);
  });

  it('logs rehearsals from both partners; only the teacher writes a reflection', async () => {
    const fixture = await buildMeeting(server);
    const { coach, teacher, meeting } = fixture;
    const add = (who: UserFixture, body: object) => who.client.post(`/api/meetings/${meeting.id}/practice`, body);

    expect(
      (await add(coach, { practisedOn: '2026-02-10', what: 'Three-step prompt, role play', feedback: 'Pause longer' }))
        .status,
    ).toBe(201);
    const refused = await add(coach, { practisedOn: '2026-02-11', what: 'Again', reflection: 'I felt…' });
    expect(refused.status).toBe(403);
    const badDate = await add(teacher, { practisedOn: '10/02/2026', what: 'Prompt' });
    expect(badDate.status).toBe(400);
    expect(errorOf(badDate.body).fields).toHaveProperty('practisedOn');
    const added = await add(teacher, {
      practisedOn: '2026-02-12',
      what: 'Prompt with a real group',
      reflection: 'Calmer',
    });
    expect(added.status).toBe(201);

    const { practice } = CoachingResponseSchema.parse(added.body).coaching;
    expect(practice.map((p) => p.what)).toEqual(['Prompt with a real group', 'Three-step prompt, role play']);
    const coachEntry = practice[1];
    if (!coachEntry) throw new Error('missing entry');
    const reflect = (who: UserFixture) =>
      who.client.request('PUT', `/api/meetings/${meeting.id}/practice/${coachEntry.id}/reflection`, {
        body: { reflection: 'Waiting felt long but worked' },
      });
    expect((await reflect(coach)).status).toBe(403);
    expect((await reflect(teacher)).status).toBe(200);

    // The log belongs to the cycle: a later meeting in it shows the same rehearsals.
    const later = await buildMeeting(server, fixture);
    const seen = (await coachingOf(coach, later.meeting.id)).coaching.practice;
    expect(seen).toHaveLength(2);
    expect(seen.find((p) => p.id === coachEntry.id)?.reflection).toBe('Waiting felt long but worked');
  });

  it('shows an outsider none of it (404 everywhere, nothing changes)', async () => {
    const { coach, meeting, partnership } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    const outsider = await buildUser(server);
    const calls: [string, string, object?][] = [
      ['GET', `/api/cycles/${cycle.id}`],
      ['GET', `/api/partnerships/${partnership.id}/cycles`],
      ['GET', `/api/partnerships/${partnership.id}/timeline`],
      ['PATCH', `/api/cycles/${cycle.id}`, { baseline: 1 }],
      ['PUT', `/api/cycles/${cycle.id}/goal-status`, { status: 'set' }],
      ['PUT', `/api/cycles/${cycle.id}/status`, { status: 'met' }],
      ['GET', `/api/meetings/${meeting.id}/coaching`],
      ['PUT', `/api/meetings/${meeting.id}/approach`, { approach: 'directive' }],
      ['PUT', `/api/meetings/${meeting.id}/peers`, { criterion: 'easy', checked: true }],
      ['PUT', `/api/meetings/${meeting.id}/step-due`, { dueOn: null }],
      ['POST', `/api/meetings/${meeting.id}/agreements`, { hash: 'a'.repeat(64) }],
      ['POST', `/api/meetings/${meeting.id}/practice`, { practisedOn: '2026-02-10', what: 'x' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await outsider.client.request(method, path, body ? { body } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const after = await coachingOf(coach, meeting.id);
    expect(after.cycle).toEqual(cycle);
    expect(after.coaching.approach).toBeNull();
    expect(after.coaching.practice).toEqual([]);
  });

  it('keeps cycles and facts across a restart', async () => {
    const fixture = await buildPartnership(server);
    const res = await fixture.teacher.client.post(`/api/partnerships/${fixture.partnership.id}/meetings`, {});
    const { meeting } = MeetingResponseSchema.parse(res.body);
    const { cycle } = await coachingOf(fixture.teacher, meeting.id);
    await fixture.teacher.client.request('PUT', `/api/cycles/${cycle.id}/goal-status`, { body: { status: 'set' } });
    await fixture.coach.client.request('PUT', `/api/meetings/${meeting.id}/approach`, {
      body: { approach: 'facilitative' },
    });

    await server.restart();
    // fetch may still hold a kept-alive socket to the old server; the first request finds it closed.
    await fetch(`${server.url}/api/health`).catch(() => undefined);

    const after = await coachingOf(fixture.coach, meeting.id);
    expect(after.cycle.goal.status).toBe('set');
    expect(after.coaching.approach?.value).toBe('facilitative');
  });
});
