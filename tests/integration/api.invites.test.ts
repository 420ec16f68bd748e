/**
 * Invitations and partnerships over HTTP: making a link, looking at it,
 * accepting it once, expiry, roles that belong to a partnership rather than
 * to an account, and how many invitations may be emailed to one address.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateInviteResponseSchema,
  ErrorBodySchema,
  InviteInfoSchema,
  PartnershipListResponseSchema,
  PartnershipResponseSchema,
  type Role,
} from '../../shared/api.js';
import { LIMITS } from '../../shared/limits.js';
import type { DomainEventMap } from '../../server/domain/events.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildPartnership, buildUser, uniqueEmail, type UserFixture } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('invitations over HTTP (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function invite(by: UserFixture, role: Role = 'coach') {
    const res = await by.client.post('/api/invites', { role });
    expect(res.status).toBe(201);
    return CreateInviteResponseSchema.parse(res.body);
  }

  function errorOf(res: { body: unknown }) {
    return ErrorBodySchema.parse(res.body).error;
  }

  it('makes a link that expires in a week and stores only a hash of its token', async () => {
    const coach = await buildUser(server);
    const before = Date.now();
    const { token, url, expiresAt } = await invite(coach);

    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(url).toBe(`${server.url}/invite/${token}`);
    const lifetime = Date.parse(expiresAt) - before;
    expect(lifetime).toBeGreaterThanOrEqual(LIMITS.inviteLifetimeMs - 5_000);
    expect(lifetime).toBeLessThanOrEqual(LIMITS.inviteLifetimeMs + 5_000);

    const rows = await server.server.services.db.selectFrom('invites').select('id').execute();
    expect(rows.map((r) => r.id)).not.toContain(token);
    expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(token).digest('hex'));
  });

  it('shows anyone with the link who invited them, as what, without their email', async () => {
    const coach = await buildUser(server, { name: 'Priya Shah' });
    const { token, expiresAt } = await invite(coach, 'coach');
    const res = await new HttpClient(server.url).get(`/api/invites/${token}`);

    expect(res.status).toBe(200);
    expect(InviteInfoSchema.parse(res.body)).toEqual({
      invite: { inviter: { id: coach.user.id, name: 'Priya Shah' }, inviterRole: 'coach', expiresAt },
    });
    expect(JSON.stringify(res.body)).not.toContain(coach.email);
  });

  it('answers 404 for a link that never existed', async () => {
    const res = await new HttpClient(server.url).get('/api/invites/no-such-token');
    expect(res.status).toBe(404);
    expect(errorOf(res).id).toBe('not_found');
    const someone = await buildUser(server);
    expect((await someone.client.post('/api/invites/no-such-token/accept')).status).toBe(404);
  });

  it('makes a partnership on acceptance, the accepter taking the other role', async () => {
    const coach = await buildUser(server, { name: 'Coach Carys' });
    const teacher = await buildUser(server, { name: 'Teacher Tom' });
    const created: DomainEventMap['partnershipCreated'][0][] = [];
    const events = server.server.services.events;
    const listener = (e: DomainEventMap['partnershipCreated'][0]) => created.push(e);
    events.on('partnershipCreated', listener);

    const { token } = await invite(coach, 'coach');
    const res = await teacher.client.post(`/api/invites/${token}/accept`);
    events.off('partnershipCreated', listener);

    expect(res.status).toBe(201);
    const { partnership } = PartnershipResponseSchema.parse(res.body);
    expect(partnership).toMatchObject({
      coach: { id: coach.user.id, name: 'Coach Carys' },
      teacher: { id: teacher.user.id, name: 'Teacher Tom' },
      myRole: 'teacher',
    });
    expect(created).toEqual([{ partnershipId: partnership.id, userIds: [coach.user.id, teacher.user.id] }]);

    const coachView = await coach.client.get(`/api/partnerships/${partnership.id}`);
    expect(coachView.status).toBe(200);
    expect(PartnershipResponseSchema.parse(coachView.body).partnership).toEqual({ ...partnership, myRole: 'coach' });

    const coachList = PartnershipListResponseSchema.parse((await coach.client.get('/api/partnerships')).body);
    expect(coachList.partnerships).toEqual([{ ...partnership, myRole: 'coach' }]);
  });

  it('works once: a used link answers 410 to everyone', async () => {
    const { coach, teacher } = await buildPartnership(server);
    const { token } = await invite(coach);
    expect((await teacher.client.post(`/api/invites/${token}/accept`)).status).toBe(201);

    const latecomer = await buildUser(server);
    const again = await latecomer.client.post(`/api/invites/${token}/accept`);
    expect(again.status).toBe(410);
    expect(errorOf(again).id).toBe('invite_used');
    expect((await teacher.client.post(`/api/invites/${token}/accept`)).status).toBe(410);

    const info = await new HttpClient(server.url).get(`/api/invites/${token}`);
    expect(info.status).toBe(410);
    expect(errorOf(info).id).toBe('invite_used');
    expect(JSON.stringify(info.body)).not.toContain(coach.user.name);
  });

  it('lets only one of two simultaneous acceptances win', async () => {
    const coach = await buildUser(server);
    const [first, second] = await Promise.all([buildUser(server), buildUser(server)]);
    const { token } = await invite(coach);
    const results = await Promise.all([
      first.client.post(`/api/invites/${token}/accept`),
      second.client.post(`/api/invites/${token}/accept`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 410]);

    const list = PartnershipListResponseSchema.parse((await coach.client.get('/api/partnerships')).body);
    expect(list.partnerships).toHaveLength(1);
  });

  it('answers 410 once a link has expired', async () => {
    const coach = await buildUser(server);
    const teacher = await buildUser(server);
    const { token } = await invite(coach);
    const id = createHash('sha256').update(token).digest('hex');
    await server.server.services.db
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();

    const info = await new HttpClient(server.url).get(`/api/invites/${token}`);
    expect(info.status).toBe(410);
    expect(errorOf(info).id).toBe('invite_expired');
    const accept = await teacher.client.post(`/api/invites/${token}/accept`);
    expect(accept.status).toBe(410);
    expect(errorOf(accept).id).toBe('invite_expired');
    expect(
      PartnershipListResponseSchema.parse((await teacher.client.get('/api/partnerships')).body).partnerships,
    ).toEqual([]);
  });

  it('will not let someone accept their own invitation, and leaves it usable', async () => {
    const coach = await buildUser(server);
    const { token } = await invite(coach);
    const own = await coach.client.post(`/api/invites/${token}/accept`);
    expect(own.status).toBe(409);
    expect(errorOf(own)).toMatchObject({ id: 'own_invite', message: expect.stringContaining('your own invitation') });

    const teacher = await buildUser(server);
    expect((await teacher.client.post(`/api/invites/${token}/accept`)).status).toBe(201);
  });

  it('asks for a sign-in to make or accept an invitation, but not to look at one', async () => {
    const anonymous = new HttpClient(server.url);
    expect((await anonymous.post('/api/invites', { role: 'coach' })).status).toBe(401);
    const { token } = await invite(await buildUser(server));
    expect((await anonymous.get(`/api/invites/${token}`)).status).toBe(200);
    expect((await anonymous.post(`/api/invites/${token}/accept`)).status).toBe(401);
  });

  it('names the role field when it is missing or not a role', async () => {
    const someone = await buildUser(server);
    for (const body of [{}, { role: 'headteacher' }, { role: 7 }]) {
      const res = await someone.client.post('/api/invites', body);
      expect(res.status).toBe(400);
      expect(Object.keys(errorOf(res).fields ?? {})).toEqual(['role']);
    }
  });

  it('emails at most a few invitations to one address a day, and still makes a link to pass on by hand', async () => {
    const coach = await buildUser(server);
    const other = await buildUser(server);
    const to = uniqueEmail('invited');
    for (let i = 0; i < LIMITS.invitationEmailsPerAddressPerDay; i++) {
      const sent = await coach.client.post('/api/invites', { role: 'coach', email: to });
      expect(sent.status).toBe(201);
      expect(CreateInviteResponseSchema.parse(sent.body).emailedTo).toBe(to);
    }
    // The address has had its share today, from anyone.
    for (const by of [coach, other]) {
      const refused = await by.client.post('/api/invites', { role: 'coach', email: to.toUpperCase() });
      expect(refused.status).toBe(429);
      expect(errorOf(refused).id).toBe('too_many_invitation_emails');
      expect(refused.headers.get('retry-after')).toBeTruthy();
    }
    // A link without an address is still made, and another address can still be emailed.
    expect((await coach.client.post('/api/invites', { role: 'coach' })).status).toBe(201);
    expect((await coach.client.post('/api/invites', { role: 'coach', email: uniqueEmail('other') })).status).toBe(201);
  });

  it('lets a teacher invite their coach', async () => {
    const { coach, teacher, partnership } = await buildPartnership(server, { invitedBy: 'teacher' });
    expect(partnership).toMatchObject({
      coach: { id: coach.user.id },
      teacher: { id: teacher.user.id },
      myRole: 'coach',
    });
  });

  it('gives roles per partnership: one person can coach in one and be coached in another', async () => {
    const leader = await buildUser(server, { name: 'Deputy Head' });
    const { partnership: asCoach } = await buildPartnership(server, { coach: leader });
    const { partnership: asTeacher } = await buildPartnership(server, { teacher: leader, invitedBy: 'teacher' });

    const list = PartnershipListResponseSchema.parse((await leader.client.get('/api/partnerships')).body);
    const roles = Object.fromEntries(list.partnerships.map((p) => [p.id, p.myRole]));
    expect(roles).toEqual({ [asCoach.id]: 'coach', [asTeacher.id]: 'teacher' });
  });

  it('reuses the partnership when the same two people accept a second link in the same roles', async () => {
    const { coach, teacher, partnership } = await buildPartnership(server);
    const { token } = await invite(coach, 'coach');
    const res = await teacher.client.post(`/api/invites/${token}/accept`);
    expect(res.status).toBe(201);
    expect(PartnershipResponseSchema.parse(res.body).partnership.id).toBe(partnership.id);
    expect(
      PartnershipListResponseSchema.parse((await coach.client.get('/api/partnerships')).body).partnerships,
    ).toHaveLength(1);
  });
});
