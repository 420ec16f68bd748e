/**
 * A school, live and never leaderless, on SQLite and PostgreSQL, through the
 * real HTTP API and real socket.io clients: a partner's request to link the
 * partnership to a school, its withdrawal, the other's agreement and an unlink
 * reach the other partner at once (and no one else); the teacher's choice of
 * the school's problem reaches the coach's cycle panel; the only lead cannot
 * leave or step down until someone else leads; closing the only lead's account
 * hands the school to the longest-standing coach (else member), and a school
 * whose last member goes is deleted.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CycleChangedSchema, CycleServerEvent } from '../../shared/cycleEvents.js';
import { ClientEvent } from '../../shared/events.js';
import {
  SchoolLinkChangedSchema,
  SchoolResponseSchema,
  SchoolServerEvent,
  type SchoolLinkChanged,
} from '../../shared/schools.js';
import { backendsToTest } from '../helpers/backends.js';
import { coachingOf } from '../helpers/coaching.js';
import { buildMeeting, buildPartnership, buildUser, type UserFixture } from '../helpers/factories.js';
import { nextEvent, openRealtimeSocket } from '../helpers/realtimeClient.js';
import { agreeToLink, createSchool, expectStatus, invitationToken, joinSchool } from '../helpers/schools.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('a school, live and never leaderless (%s)', (backend) => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const open = async (person: UserFixture) => {
    const socket = await openRealtimeSocket(server.url, person.cookie);
    sockets.push(socket);
    return socket;
  };
  const linkChange = (socket: Socket, partnershipId: string) =>
    nextEvent(
      socket,
      SchoolServerEvent.LinkChanged,
      (v) => SchoolLinkChangedSchema.parse(v),
      (v) => v.partnershipId === partnershipId,
    );
  /** Events reach a socket in order: once a round trip is answered, anything sent before it has arrived. */
  const settle = (socket: Socket) =>
    socket.timeout(5_000).emitWithAck(ClientEvent.LeaveMeeting, { meetingId: crypto.randomUUID() });
  const membersOf = async (person: UserFixture, schoolId: string) => {
    const res = await person.client.get(`/api/schools/${schoolId}`);
    expectStatus(res, 200, 'the school');
    return SchoolResponseSchema.parse(res.body).school.members.map((m) => ({ id: m.person.id, role: m.role }));
  };
  const closeAccount = async (person: UserFixture) =>
    expectStatus(
      await person.client.request('DELETE', '/api/me', { body: { password: person.password } }),
      204,
      'closing the account',
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
  }, 60_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('tells the other partner at once when one asks, withdraws, agrees or unlinks, and no one else', async () => {
    const lead = await buildUser(server, { name: 'Linking Lead' });
    const school = await createSchool(lead, 'Ashgrove Primary');
    const { partnership, coach, teacher } = await buildPartnership(server);
    await joinSchool(teacher, await invitationToken(lead, school.id, 'member'));
    const coachSocket = await open(coach);
    const teacherSocket = await open(teacher);
    const leadSocket = await open(lead);
    const leadHeard: SchoolLinkChanged[] = [];
    leadSocket.on(SchoolServerEvent.LinkChanged, (v: unknown) => leadHeard.push(SchoolLinkChangedSchema.parse(v)));

    // The teacher asks: the coach's page learns of the request.
    let coachHears = linkChange(coachSocket, partnership.id);
    let teacherHears = linkChange(teacherSocket, partnership.id);
    await agreeToLink(teacher, partnership.id, school.id);
    const asked = await coachHears;
    expect(asked.link).toMatchObject({
      school: { id: school.id, name: 'Ashgrove Primary' },
      status: 'pending',
      teacherAgreed: true,
      coachAgreed: false,
    });
    expect((await teacherHears).link?.status).toBe('pending');

    // The teacher withdraws: the request disappears from the coach's page.
    coachHears = linkChange(coachSocket, partnership.id);
    expectStatus(await teacher.client.request('DELETE', `/api/partnerships/${partnership.id}/school`), 200, 'withdraw');
    expect((await coachHears).link).toBeNull();

    // Asked again, the coach agrees: the teacher's page shows the link.
    await agreeToLink(teacher, partnership.id, school.id);
    teacherHears = linkChange(teacherSocket, partnership.id);
    await agreeToLink(coach, partnership.id, school.id);
    const linked = await teacherHears;
    expect(linked.link).toMatchObject({ status: 'linked', coachAgreed: true, teacherAgreed: true });
    expect(linked.link?.linkedAt).toEqual(expect.any(String));

    // Either unlinks: the other's page shows it unlinked.
    teacherHears = linkChange(teacherSocket, partnership.id);
    expectStatus(await coach.client.request('DELETE', `/api/partnerships/${partnership.id}/school`), 200, 'unlink');
    expect((await teacherHears).link).toBeNull();

    // The school's lead is not a partner: nothing about the partnership was pushed to them.
    await settle(leadSocket);
    expect(leadHeard).toEqual([]);
  });

  it('tells the coach when the teacher chooses the school’s problem for the cycle', async () => {
    const lead = await buildUser(server, { name: 'Problem Lead' });
    const school = await createSchool(lead, 'Birchfield High');
    const { meeting, coach, teacher, partnership } = await buildMeeting(server);
    await joinSchool(coach, await invitationToken(lead, school.id, 'coach'));
    await agreeToLink(coach, partnership.id, school.id);
    await agreeToLink(teacher, partnership.id, school.id);
    const problem = await lead.client.post(`/api/schools/${school.id}/problems`, {
      title: 'Quiet students left out of discussion',
      symptoms: 'The same four hands every lesson.',
      whyItMatters: 'Everyone should think aloud.',
    });
    expectStatus(problem, 201, 'writing a problem');
    const problemId = (problem.body as { problem: { id: string } }).problem.id;
    const { cycle } = await coachingOf(coach, meeting.id);
    const coachSocket = await open(coach);

    const told = nextEvent(coachSocket, CycleServerEvent.CycleChanged, (v) => CycleChangedSchema.parse(v));
    const chosen = await teacher.client.request('PUT', `/api/cycles/${cycle.id}/problem`, {
      body: { problemId, focus: 'Year 9 talk partners' },
    });
    expectStatus(chosen, 200, 'choosing the problem');
    expect((await told).cycle.id).toBe(cycle.id);
  });

  it('refuses to let the only lead leave or step down until someone else leads', async () => {
    const lead = await buildUser(server, { name: 'Only Lead' });
    const coach = await buildUser(server, { name: 'Next Lead' });
    const school = await createSchool(lead, 'Cedar Lane School');
    await joinSchool(coach, await invitationToken(lead, school.id, 'coach'));
    const leave = () => lead.client.request('DELETE', `/api/schools/${school.id}/members/${lead.user.id}`);

    const refused = await leave();
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: { id: 'last_lead', message: expect.stringMatching(/lead/) } });
    const stepDown = await lead.client.request('PUT', `/api/schools/${school.id}/members/${lead.user.id}`, {
      body: { role: 'coach' },
    });
    expect(stepDown.status).toBe(409);
    expect((stepDown.body as { error: { id: string } }).error.id).toBe('last_lead');

    // Once the coach is made a lead too, the first lead may go.
    const handOver = await lead.client.request('PUT', `/api/schools/${school.id}/members/${coach.user.id}`, {
      body: { role: 'lead' },
    });
    expectStatus(handOver, 200, 'making the coach a lead');
    expectStatus(await leave(), 204, 'leaving');
    expect(await membersOf(coach, school.id)).toEqual([{ id: coach.user.id, role: 'lead' }]);
  });

  it('hands the school to the longest-standing coach when its only lead closes their account', async () => {
    const lead = await buildUser(server, { name: 'Closing Lead' });
    const member = await buildUser(server, { name: 'Early Member' });
    const firstCoach = await buildUser(server, { name: 'First Coach' });
    const secondCoach = await buildUser(server, { name: 'Second Coach' });
    const school = await createSchool(lead, 'Daleside Academy');
    // The member joined first, but a coach comes before a member.
    await joinSchool(member, await invitationToken(lead, school.id, 'member'));
    await joinSchool(firstCoach, await invitationToken(lead, school.id, 'coach'));
    await joinSchool(secondCoach, await invitationToken(lead, school.id, 'coach'));

    await closeAccount(lead);
    const members = await membersOf(member, school.id);
    expect(members).toEqual(
      expect.arrayContaining([
        { id: member.user.id, role: 'member' },
        { id: firstCoach.user.id, role: 'lead' },
        { id: secondCoach.user.id, role: 'coach' },
      ]),
    );
    expect(members).toHaveLength(3);
    // The new lead leads: they may make invitation links.
    await invitationToken(firstCoach, school.id, 'member');
  });

  it('hands the school to the longest-standing member when no coach remains, and deletes it when nobody does', async () => {
    const lead = await buildUser(server, { name: 'Last Lead' });
    const first = await buildUser(server, { name: 'First Member' });
    const second = await buildUser(server, { name: 'Second Member' });
    const school = await createSchool(lead, 'Elmwood College');
    await joinSchool(first, await invitationToken(lead, school.id, 'member'));
    await joinSchool(second, await invitationToken(lead, school.id, 'member'));
    await closeAccount(lead);
    expect(await membersOf(second, school.id)).toEqual([
      { id: first.user.id, role: 'lead' },
      { id: second.user.id, role: 'member' },
    ]);

    // A lead alone in their school: closing the account takes the school (its problems and models) with it.
    const alone = await buildUser(server, { name: 'Lone Lead' });
    const { partnership, teacher } = await buildPartnership(server, { coach: alone });
    const lonely = await createSchool(alone, 'Fernhill Infants');
    expectStatus(
      await alone.client.post(`/api/schools/${lonely.id}/problems`, { title: 'Reading at home' }),
      201,
      'writing a problem',
    );
    const written = await alone.client.post(`/api/schools/${lonely.id}/models`, {
      name: 'Reading together at home',
      keyMoves: 'Ten minutes, one book, three questions.',
    });
    expectStatus(written, 201, 'writing a model');
    const modelId = (written.body as { model: { id: string } }).model.id;
    expectStatus(
      await alone.client.request('PATCH', `/api/models/${modelId}`, {
        body: {
          expectedRevision: 1,
          name: 'Reading together at home',
          keyMoves: 'Ten minutes, one book, two questions.',
        },
      }),
      200,
      'improving the model',
    );
    await agreeToLink(alone, partnership.id, lonely.id);
    await closeAccount(alone);
    const rows = await server.server.services.db
      .selectFrom('schools')
      .select('id')
      .where('id', '=', lonely.id)
      .execute();
    expect(rows).toEqual([]);
    // Its library goes with it, revisions and all.
    const { db } = server.server.services;
    expect(await db.selectFrom('models').select('id').where('id', '=', modelId).execute()).toEqual([]);
    expect(await db.selectFrom('model_revisions').select('model_id').where('model_id', '=', modelId).execute()).toEqual(
      [],
    );
    const link = await teacher.client.get(`/api/partnerships/${partnership.id}/school`);
    expectStatus(link, 200, 'the partnership’s school');
    expect((link.body as { link: unknown }).link).toBeNull();
  });
});
