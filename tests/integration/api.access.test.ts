/**
 * Who may see what over HTTP. A partnership and its meetings exist only for
 * its two partners: anyone else gets the same 404 as for an id that was never
 * used, with nothing of the partnership in the answer; no one signed in gets 401.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorBodySchema,
  MeetingListResponseSchema,
  MeetingResponseSchema,
  PartnershipListResponseSchema,
} from '../../shared/api.js';
import { SESSION_COOKIE } from '../../server/auth/sessionCookie.js';
import { backendsToTest } from '../helpers/backends.js';
import {
  buildMeeting,
  buildPartnership,
  buildUser,
  type MeetingFixture,
  type UserFixture,
} from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

interface Route {
  method: 'GET' | 'POST';
  path: (ids: { partnershipId: string; meetingId: string }) => string;
  body?: unknown;
}

/** Every route that reveals or changes a partnership or a meeting. */
const PARTNERSHIP_ROUTES: Route[] = [
  { method: 'GET', path: (i) => `/api/partnerships/${i.partnershipId}` },
  { method: 'GET', path: (i) => `/api/partnerships/${i.partnershipId}/meetings` },
  { method: 'POST', path: (i) => `/api/partnerships/${i.partnershipId}/meetings`, body: { title: 'Sneaky' } },
  { method: 'GET', path: (i) => `/api/meetings/${i.meetingId}` },
  { method: 'POST', path: (i) => `/api/meetings/${i.meetingId}/end` },
];

/** Every route that needs a signed-in user. */
const SIGNED_IN_ROUTES: Route[] = [
  { method: 'GET', path: () => '/api/me' },
  { method: 'POST', path: () => '/api/invites', body: { role: 'coach' } },
  { method: 'POST', path: () => '/api/invites/some-token/accept' },
  { method: 'GET', path: () => '/api/partnerships' },
  ...PARTNERSHIP_ROUTES,
];

const label = (r: Route) => `${r.method} ${r.path({ partnershipId: ':id', meetingId: ':id' })}`;

describe.each(backends)('access over HTTP (%s)', (backend) => {
  let server: TestServer;
  let fixture: MeetingFixture;
  let stranger: UserFixture;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await buildMeeting(server, undefined, { title: 'Private reflections' });
    // The stranger has a partnership of their own, so is a real, active user.
    stranger = await buildUser(server, { name: 'Nosy Neighbour' });
    await buildMeeting(server, await buildPartnership(server, { coach: stranger }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = (client: HttpClient, route: Route, ids: { partnershipId: string; meetingId: string }) =>
    client.request(route.method, route.path(ids), route.body === undefined ? {} : { body: route.body });

  const realIds = () => ({ partnershipId: fixture.partnership.id, meetingId: fixture.meeting.id });
  const unusedIds = () => ({ partnershipId: randomUUID(), meetingId: randomUUID() });

  describe.each(PARTNERSHIP_ROUTES.map((r) => [label(r), r] as const))('%s', (_label, route) => {
    it('answers a stranger 404, exactly as for an id never used, revealing nothing', async () => {
      const res = await call(stranger.client, route, realIds());
      const never = await call(stranger.client, route, unusedIds());

      expect(res.status).toBe(404);
      expect(ErrorBodySchema.parse(res.body).error.id).toBe('not_found');
      expect(res.body).toEqual(never.body);
      const text = JSON.stringify(res.body);
      for (const secret of [
        fixture.partnership.id,
        fixture.meeting.id,
        fixture.meeting.title,
        fixture.coach.user.id,
        fixture.coach.user.name,
        fixture.teacher.user.id,
        fixture.teacher.user.name,
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    it('answers someone not signed in 401', async () => {
      const res = await call(new HttpClient(server.url), route, realIds());
      expect(res.status).toBe(401);
      expect(ErrorBodySchema.parse(res.body).error.id).toBe('unauthenticated');
    });
  });

  it('lets a stranger change nothing: the meeting is not ended and no meeting was added', async () => {
    for (const route of PARTNERSHIP_ROUTES) await call(stranger.client, route, realIds());
    const meeting = MeetingResponseSchema.parse(
      (await fixture.coach.client.get(`/api/meetings/${fixture.meeting.id}`)).body,
    ).meeting;
    expect(meeting.endedAt).toBeNull();
    const list = await fixture.teacher.client.get(`/api/partnerships/${fixture.partnership.id}/meetings`);
    expect(MeetingListResponseSchema.parse(list.body).meetings.map((m) => m.id)).toEqual([fixture.meeting.id]);
  });

  it("keeps other people's partnerships out of a stranger's list", async () => {
    const list = PartnershipListResponseSchema.parse((await stranger.client.get('/api/partnerships')).body);
    expect(list.partnerships).toHaveLength(1);
    expect(list.partnerships.map((p) => p.id)).not.toContain(fixture.partnership.id);
    expect(JSON.stringify(list)).not.toContain(fixture.coach.user.name);
  });

  it.each(SIGNED_IN_ROUTES.map((r) => [label(r), r] as const))(
    'refuses %s without a session, or with a forged cookie',
    async (_label, route) => {
      const anonymous = await call(new HttpClient(server.url), route, realIds());
      expect(anonymous.status).toBe(401);

      const forged = new HttpClient(server.url);
      forged.cookie = `${SESSION_COOKIE}=${fixture.coach.cookie.split('=')[1]?.split('.')[0]}.not-the-signature`;
      expect((await call(forged, route, realIds())).status).toBe(401);
    },
  );

  it('still lets both partners in, after all that', async () => {
    for (const partner of [fixture.coach, fixture.teacher]) {
      expect((await partner.client.get(`/api/partnerships/${fixture.partnership.id}`)).status).toBe(200);
      expect((await partner.client.get(`/api/meetings/${fixture.meeting.id}`)).status).toBe(200);
    }
  });
});
