/**
 * Schools and the programme view, on SQLite and PostgreSQL, through the real
 * HTTP API: a partnership is linked only when both partners agree; the lead's
 * persistent problem is chosen by a teacher for their cycle; the programme's
 * figures stay "fewer than 5" for 4 partnerships and show for 6; unlinking
 * takes a partnership's contribution out; closing an account takes the person
 * out of the school; and no programme answer to anyone carries a note, a goal,
 * a step, a rehearsal, a teacher's name or a meeting id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CycleProblemResponseSchema, ProgrammeResponseSchema, SchoolViewResponseSchema } from '../../shared/schools.js';
import { backendsToTest } from '../helpers/backends.js';
import { coachingOf, daysFromToday, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildUser, type PartnershipFixture, type UserFixture } from '../helpers/factories.js';
import { leaked } from '../helpers/privacy.js';
import {
  agreeStep,
  agreeToLink,
  createSchool,
  expectStatus,
  invitationToken,
  joinSchool,
  linkedPartnershipWithMeeting,
} from '../helpers/schools.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

const GOAL = 'Quillwort students explain their reasoning aloud';
const STEP = 'Use the Tamarisk three-step prompt before helping';
const REHEARSAL = 'Rehearsed the Fennimore prompt twice';
const REFLECTION = 'Felt Ardentine-clumsy at first';

describe.each(backends)('schools and the programme view (%s)', (backend) => {
  let server: TestServer;
  let lead: UserFixture;
  let coach: UserFixture;
  let member: UserFixture;
  let stranger: UserFixture;
  let schoolId: string;
  const partnerships: (PartnershipFixture & { meetingId: string })[] = [];
  /** What no one but the partners may ever be sent. */
  const secrets: string[] = [GOAL, STEP, REHEARSAL, REFLECTION];

  const programmeAs = async (person: UserFixture) => {
    const res = await person.client.get(`/api/schools/${schoolId}/programme`);
    expectStatus(res, 200, 'the programme');
    return ProgrammeResponseSchema.parse(res.body);
  };
  const schoolViewAs = async (person: UserFixture, partnershipId: string) => {
    const res = await person.client.get(`/api/partnerships/${partnershipId}/school-view`);
    expectStatus(res, 200, 'what the school sees');
    return SchoolViewResponseSchema.parse(res.body);
  };
  const addPartnership = async (teacherName: string) => {
    const p = await linkedPartnershipWithMeeting(server, schoolId, coach, teacherName);
    partnerships.push(p);
    secrets.push(teacherName, p.meetingId, p.teacher.user.id, p.teacher.email);
    return p;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    lead = await buildUser(server, { name: 'Morwenna Lead' });
    coach = await buildUser(server, { name: 'Caspian Coach' });
    member = await buildUser(server, { name: 'Marguerite Member' });
    stranger = await buildUser(server, { name: 'Someone Else' });
    const school = await createSchool(lead, 'Hollins Park Academy');
    schoolId = school.id;
    expect(school.myRole).toBe('lead');
    await joinSchool(coach, await invitationToken(lead, schoolId, 'coach'));
    await joinSchool(member, await invitationToken(lead, schoolId, 'member'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('lists members with their roles; a revoked link admits nobody; the school is hidden from others', async () => {
    const res = await member.client.get(`/api/schools/${schoolId}`);
    expectStatus(res, 200, 'the school');
    const roles = (res.body as { school: { members: { person: { name: string }; role: string }[] } }).school.members;
    expect(roles.map((m) => [m.person.name, m.role])).toEqual([
      ['Morwenna Lead', 'lead'],
      ['Caspian Coach', 'coach'],
      ['Marguerite Member', 'member'],
    ]);
    expect((res.body as { school: { invitations: unknown[] } }).school.invitations).toEqual([]);

    expect((await stranger.client.get(`/api/schools/${schoolId}`)).status).toBe(404);
    expect((await member.client.post(`/api/schools/${schoolId}/invitations`, { role: 'coach' })).status).toBe(403);

    const created = await lead.client.post(`/api/schools/${schoolId}/invitations`, { role: 'member' });
    const { token, invitation } = created.body as { token: string; invitation: { id: string } };
    const revoked = await lead.client.request('DELETE', `/api/schools/${schoolId}/invitations/${invitation.id}`);
    expectStatus(revoked, 200, 'revoking');
    expect((await stranger.client.post(`/api/school-invitations/${token}/join`)).status).toBe(404);

    // The only lead cannot leave; a member can.
    const leaving = await lead.client.request('DELETE', `/api/schools/${schoolId}/members/${lead.user.id}`);
    expect(leaving.status).toBe(409);
    const passer = await buildUser(server, { name: 'Passing Through' });
    await joinSchool(passer, await invitationToken(lead, schoolId, 'member'));
    expectStatus(
      await passer.client.request('DELETE', `/api/schools/${schoolId}/members/${passer.user.id}`),
      204,
      'leaving',
    );
    expect((await passer.client.get(`/api/schools/${schoolId}`)).status).toBe(404);
  });

  it('links a partnership only when both partners agree, and either can unlink', async () => {
    const teacher = await buildUser(server, { name: 'Ottoline Teacher' });
    const { buildPartnership } = await import('../helpers/factories.js');
    const partners = await buildPartnership(server, { coach, teacher });
    const id = partners.partnership.id;
    // The teacher belongs to no school, so cannot propose this one: to them it does not exist.
    const refused = await teacher.client.request('PUT', `/api/partnerships/${id}/school`, { body: { schoolId } });
    expect(refused.status).toBe(404);
    // An outsider cannot agree for the partnership.
    const outsider = await stranger.client.request('PUT', `/api/partnerships/${id}/school`, { body: { schoolId } });
    expect(outsider.status).toBe(404);

    const proposed = await agreeToLink(coach, id, schoolId);
    expect(proposed.link).toMatchObject({ status: 'pending', coachAgreed: true, teacherAgreed: false });
    expect((await schoolViewAs(teacher, id)).contribution).toBeNull();
    // Asking again changes nothing; it is still waiting for the teacher.
    expect((await agreeToLink(coach, id, schoolId)).link?.status).toBe('pending');

    const linked = await agreeToLink(teacher, id, schoolId);
    expect(linked.link).toMatchObject({ status: 'linked', coachAgreed: true, teacherAgreed: true });
    expect((await schoolViewAs(teacher, id)).contribution).not.toBeNull();

    const unlinked = await teacher.client.request('DELETE', `/api/partnerships/${id}/school`);
    expectStatus(unlinked, 200, 'unlinking');
    expect((unlinked.body as { link: unknown }).link).toBeNull();
    expect((await schoolViewAs(coach, id)).link).toBeNull();
  });

  it('lets the lead write a problem and the teacher choose it for their cycle, with a focus of their own', async () => {
    const p = await addPartnership('Perpetua Teacher');
    const problem = await lead.client.post(`/api/schools/${schoolId}/problems`, {
      title: 'Students give up on tricky tasks',
      symptoms: 'Hands go up before anyone has tried the second step.',
      whyItMatters: 'Struggle is where the learning happens.',
    });
    expectStatus(problem, 201, 'writing a problem');
    const problemId = (problem.body as { problem: { id: string } }).problem.id;
    expect((await member.client.post(`/api/schools/${schoolId}/problems`, { title: 'Mine' })).status).toBe(403);
    expect((await coach.client.post(`/api/schools/${schoolId}/problems`, { title: 'Mine' })).status).toBe(403);
    expectStatus(await member.client.get(`/api/schools/${schoolId}/problems`), 200, 'reading problems');

    const { coaching } = await coachingOf(p.teacher, p.meetingId);
    const cyclePath = `/api/cycles/${coaching.cycleId}/problem`;
    const offered = CycleProblemResponseSchema.parse((await p.teacher.client.get(cyclePath)).body);
    expect(offered.options.map((o) => o.id)).toEqual([problemId]);
    expect(offered.choice).toBeNull();

    const body = { problemId, focus: 'Year 8 trying the second step alone' };
    expect((await p.coach.client.request('PUT', cyclePath, { body })).status).toBe(403);
    expect((await stranger.client.request('PUT', cyclePath, { body })).status).toBe(404);
    const chosen = await p.teacher.client.request('PUT', cyclePath, { body });
    expectStatus(chosen, 200, 'choosing the problem');
    expect(CycleProblemResponseSchema.parse(chosen.body).choice).toMatchObject({
      problem: { id: problemId },
      focus: 'Year 8 trying the second step alone',
    });

    // A closed problem cannot be newly chosen.
    const closed = await lead.client.post(`/api/schools/${schoolId}/problems`, { title: 'An old problem' });
    const closedId = (closed.body as { problem: { id: string } }).problem.id;
    expectStatus(
      await lead.client.request('PATCH', `/api/schools/${schoolId}/problems/${closedId}`, {
        body: { status: 'closed' },
      }),
      200,
      'closing',
    );
    const refused = await p.teacher.client.request('PUT', cyclePath, { body: { problemId: closedId, focus: null } });
    expect(refused.status).toBe(409);
  });

  it('shows "fewer than 5" for 4 partnerships and every figure for 6; unlinking takes one out', async () => {
    // Partnership 1 (above) gets the full story: notes, an agreed step, a rehearsal, and a look back next time.
    const first = partnerships[0];
    if (!first) throw new Error('the first partnership is missing');
    await writeSection(server, first.teacher, first.meetingId, 'goal', GOAL);
    await agreeStep(server, first, first.meetingId, STEP);
    const practice = await first.teacher.client.post(`/api/meetings/${first.meetingId}/practice`, {
      practisedOn: daysFromToday(0),
      what: REHEARSAL,
      reflection: REFLECTION,
    });
    expectStatus(practice, 201, 'logging a rehearsal');
    const next = await buildMeeting(server, first);
    secrets.push(next.meeting.id);
    expectStatus(
      await first.coach.client.request('PUT', `/api/meetings/${next.meeting.id}/review`, {
        body: { outcome: 'yes' },
      }),
      200,
      'looking back',
    );
    for (const name of ['Tabitha Teacher', 'Ulysses Teacher', 'Wilhelmina Teacher']) await addPartnership(name);

    const four = await programmeAs(lead);
    expect(four.scope).toBe('school');
    expect(four.active).toEqual({ shown: false, fewerThan: 5 });
    expect(Object.values(four.overall).filter((f) => f !== null && f.shown)).toEqual([]);
    expect(JSON.stringify(four)).not.toContain('"value"');

    for (const name of ['Xanthe Teacher', 'Yevgenia Teacher']) await addPartnership(name);
    const six = await programmeAs(lead);
    expect(six.active).toEqual({ shown: true, value: 6 });
    expect(six.overall).toMatchObject({
      partnerships: { shown: true, value: 6 },
      meetings: { shown: true, value: 7 },
      stepsAgreedPercent: { shown: true, value: 14 },
      stepsPractisedPercent: { shown: true, value: 14 },
      stepsLookedBackPercent: { shown: true, value: 14 },
      rehearsals: { shown: true, value: 1 },
      rehearsalsPerCycle: { shown: true, value: 0.2 },
      cyclesMet: { shown: true, value: 0 },
      modelsUsed: { shown: true, value: 0 },
    });
    // The problem has one partnership behind it; those with none chosen are five. Showing the five beside the
    // whole six would give the one away by subtraction, so both are hidden.
    const byProblem = Object.fromEntries(
      six.byProblem.map((g) => [g.problem?.title ?? 'none', g.figures.partnerships]),
    );
    expect(byProblem).toEqual({
      'Students give up on tricky tasks': { shown: false, fewerThan: 5 },
      none: { shown: false, fewerThan: 5 },
    });
    expect(six.byWeek.length).toBeGreaterThanOrEqual(1);

    // A coach of the school sees the same figures for their own partnerships (here, all six are theirs).
    const coachView = await programmeAs(coach);
    expect(coachView.scope).toBe('own');
    expect(coachView.overall).toEqual(six.overall);
    expect((await member.client.get(`/api/schools/${schoolId}/programme`)).status).toBe(403);
    expect((await stranger.client.get(`/api/schools/${schoolId}/programme`)).status).toBe(404);

    // What the school sees, for the first partnership: its own counts, nothing else.
    const mine = await schoolViewAs(first.teacher, first.partnership.id);
    expect(mine.contribution?.overall).toMatchObject({
      partnerships: { shown: true, value: 1 },
      meetings: { shown: true, value: 2 },
      stepsAgreedPercent: { shown: true, value: 50 },
      rehearsals: { shown: true, value: 1 },
    });

    // Unlinking: the sixth partnership's teacher takes it out; its meeting no longer counts.
    const sixth = partnerships[5];
    if (!sixth) throw new Error('the sixth partnership is missing');
    expectStatus(
      await sixth.teacher.client.request('DELETE', `/api/partnerships/${sixth.partnership.id}/school`),
      200,
      'unlinking',
    );
    const five = await programmeAs(lead);
    expect(five.active).toEqual({ shown: true, value: 5 });
    expect(five.overall.meetings).toEqual({ shown: true, value: 6 });
    expect((await schoolViewAs(sixth.teacher, sixth.partnership.id)).contribution).toBeNull();
    // One more out (the fifth teacher closes their account): back under the rule.
    const fifth = partnerships[4];
    if (!fifth) throw new Error('the fifth partnership is missing');
    expectStatus(
      await fifth.teacher.client.request('DELETE', '/api/me', { body: { password: fifth.teacher.password } }),
      204,
      'closing an account',
    );
    expect((await programmeAs(lead)).active).toEqual({ shown: false, fewerThan: 5 });
  });

  it('takes a person who closes their account out of the school', async () => {
    const leaver = await buildUser(server, { name: 'Leaving Soon' });
    await joinSchool(leaver, await invitationToken(lead, schoolId, 'coach'));
    expectStatus(
      await leaver.client.request('DELETE', '/api/me', { body: { password: leaver.password } }),
      204,
      'closing',
    );
    const res = await lead.client.get(`/api/schools/${schoolId}`);
    const members = (res.body as { school: { members: { person: { id: string } }[] } }).school.members;
    expect(members.map((m) => m.person.id)).not.toContain(leaver.user.id);
  });

  it('never sends a note, a goal, a step, a rehearsal, a teacher’s name or a meeting id to anyone on a school route', async () => {
    const first = partnerships[0];
    if (!first) throw new Error('the first partnership is missing');
    const { coaching } = await coachingOf(first.teacher, first.meetingId);
    const paths = [
      '/api/schools',
      `/api/schools/${schoolId}`,
      `/api/schools/${schoolId}/problems`,
      `/api/schools/${schoolId}/programme`,
      `/api/partnerships/${first.partnership.id}/school`,
      `/api/partnerships/${first.partnership.id}/school-view`,
      `/api/cycles/${coaching.cycleId}/problem`,
    ];
    const callers: [string, UserFixture][] = [
      ['lead', lead],
      ['coach of the school', coach],
      ['member', member],
      ['stranger', stranger],
      ['teacher', first.teacher],
    ];
    let answered = 0;
    for (const [who, person] of callers) {
      for (const path of paths) {
        const res = await person.client.get(path);
        const text = JSON.stringify(res.body);
        // The partners may see their own names elsewhere, never here: school answers carry no teacher at all.
        expect(leaked(secrets, path, text), `${path} as ${who}`).toEqual([]);
        if (res.status === 200) answered += 1;
      }
    }
    expect(answered).toBeGreaterThan(15);
  });
});
