/**
 * The authorization matrix: every HTTP route, the collaboration socket and
 * every socket.io client event, tried by eight callers (signed out, a signed-in
 * stranger, the coach, the teacher, someone from another partnership, and the
 * lead, a coach and a member of the school the partnership is linked to).
 * Each answer must have the status the table says (including the coaching
 * cycle's one-partner decisions in `domain/cyclePolicies.ts`: the other
 * partner gets 403), a refused call must change nothing the partners see, and
 * nothing sent or pushed to a non-partner may hold the partnership's ids,
 * names, emails, meeting titles, notes, cycle measure and focus, rehearsals or
 * agreements (planted by `tests/helpers/matrixWorld.ts`), beyond what that
 * caller sent themselves.
 *
 * The tables are checked against the real app: a route that Express serves or
 * the OpenAPI document lists, a client event in `shared/events.ts` or
 * `shared/cycleEvents.ts`, or an event the server listens to, without a row
 * here fails the test by name.
 *
 * The tables live in `tests/helpers/authorizationTable.ts`, which says how to
 * add a route or an event. New kinds of content: plant a distinctive text in
 * `plantCoachingFacts`.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { CycleServerEvent } from '../../shared/cycleEvents.js';
import { ClientEvent, ServerEvent } from '../../shared/events.js';
import { SchoolServerEvent } from '../../shared/schools.js';
import { createHttpApp } from '../../server/http/app.js';
import { backendsToTest } from '../helpers/backends.js';

import { buildUser } from '../helpers/factories.js';
import {
  ACTORS,
  buildWorld,
  NON_PARTNERS,
  plantCoachingFacts,
  PLANTED,
  SIGNED_IN,
  type SignedInActor,
  type World,
} from '../helpers/matrixWorld.js';
import { leaked, listenedEvents, rawRequest, servedRoutes, tryUpgrade } from '../helpers/privacy.js';
import { openRealtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

import {
  CLIENT_EVENTS,
  COLLAB_EXPECT,
  fromOpenApiPath,
  HTTP_ROUTES,
  meetingRef,
  SOCKET_EVENTS,
} from '../helpers/authorizationTable.js';
import { meetingPath, partnershipPath } from '../helpers/matrixRows.js';

// ---- the test -------------------------------------------------------------------------

describe('the authorization matrix is complete', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('has a row for every route the app serves, and none for routes it does not', () => {
    const served = servedRoutes(createHttpApp(server.server.services));
    const missing = served.filter((r) => !(r in HTTP_ROUTES));
    expect(
      missing,
      `Routes served but missing from HTTP_ROUTES in tests/helpers/authorizationTable.ts (or its concern's table); ` +
        `add a row for each saying what every caller gets: ${missing.join(', ')}`,
    ).toEqual([]);
    const stale = Object.entries(HTTP_ROUTES)
      .filter(([key, row]) => !served.includes(key) && !row.onlyWithClientBuild)
      .map(([key]) => key);
    expect(stale, `Rows in HTTP_ROUTES for routes the app does not serve: ${stale.join(', ')}`).toEqual([]);
    expect(served.length).toBeGreaterThan(10);
  });

  it('matches the OpenAPI document, which lists every API route', async () => {
    const res = await rawRequest(server.url, 'GET', '/api/openapi.json');
    const doc = JSON.parse(res.text) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${fromOpenApiPath(path)}`))
      .sort();
    const served = servedRoutes(createHttpApp(server.server.services)).filter((r) =>
      r.split(' ')[1]?.startsWith('/api/'),
    );
    const undocumented = served.filter((r) => !documented.includes(r));
    expect(undocumented, `API routes missing from server/http/openapi.ts: ${undocumented.join(', ')}`).toEqual([]);
    const unlisted = documented.filter((r) => !(r in HTTP_ROUTES));
    expect(unlisted, `Documented routes missing from HTTP_ROUTES: ${unlisted.join(', ')}`).toEqual([]);
  });

  it('has a row for every socket.io client event, in shared/events.ts and shared/cycleEvents.ts', () => {
    const missing = CLIENT_EVENTS.filter((e) => !(e in SOCKET_EVENTS));
    expect(
      missing,
      `Client events missing from SOCKET_EVENTS in tests/helpers/authorizationTable.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    const stale = Object.keys(SOCKET_EVENTS).filter((e) => !CLIENT_EVENTS.includes(e));
    expect(stale, `Rows in SOCKET_EVENTS for events no client may emit: ${stale.join(', ')}`).toEqual([]);
  });

  it('has a row for every event the server listens to on a signed-in socket', async () => {
    const someone = await buildUser(server);
    const socket = await openRealtimeSocket(server.url, someone.cookie);
    try {
      const listened = listenedEvents(server.server.realtime.io, someone.user.id);
      const missing = listened.filter((e) => !(e in SOCKET_EVENTS));
      expect(
        missing,
        `The server listens to events that SOCKET_EVENTS (and the shared event tables) lack: ${missing.join(', ')}`,
      ).toEqual([]);
      expect(listened.length).toBeGreaterThanOrEqual(CLIENT_EVENTS.length);
    } finally {
      socket.disconnect();
    }
  });
});

describe.each(backends)('the authorization matrix (%s)', (backend) => {
  let world: World;
  let clientBuilt: boolean;
  const sockets = new Map<SignedInActor, Socket>();
  /** Every server event each signed-in caller's socket received, as `name payload`. */
  const received = new Map<SignedInActor, string[]>();

  beforeAll(async () => {
    world = await buildWorld(await startTestServer({ backend }));
    clientBuilt = servedRoutes(createHttpApp(world.server.server.services)).includes('GET /{*splat}');

    // Every signed-in caller listens, and tries to join the meeting, before the facts are planted and the
    // rows change things: the partners hear every change; the others must hear nothing.
    for (const actor of SIGNED_IN) {
      const socket = await openRealtimeSocket(world.server.url, world.people[actor].cookie);
      const log: string[] = [];
      socket.onAny((event: string, ...args: unknown[]) => log.push(`${event} ${JSON.stringify(args)}`));
      sockets.set(actor, socket);
      received.set(actor, log);
      const joined: unknown = await socket.timeout(5000).emitWithAck(ClientEvent.JoinMeeting, meetingRef(world));
      expect((joined as { ok: boolean }).ok, `${actor} joining: ${JSON.stringify(joined)}`).toBe(
        !NON_PARTNERS.includes(actor),
      );
    }
    await plantCoachingFacts(world);
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.disconnect();
    await world?.server.stop();
  });

  /** A session for `actor` that only this call uses (for calls that end their session). */
  async function freshCookie(actor: SignedInActor): Promise<string> {
    const { email, password } = world.people[actor];
    const res = await rawRequest(world.server.url, 'POST', '/api/auth/login', { body: { email, password } });
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
    if (res.status !== 200 || !cookie) throw new Error(`could not sign ${actor} in again: ${res.status}`);
    return cookie;
  }

  /** What the partners see of their partnership's meetings, cycle and coaching facts. */
  async function partnersView(): Promise<string[]> {
    const cookie = world.people.teacher.cookie;
    const paths = [
      `${partnershipPath(world)}/meetings`,
      `${partnershipPath(world)}/cycles`,
      `${meetingPath(world)}/coaching`,
    ];
    return Promise.all(paths.map(async (path) => (await rawRequest(world.server.url, 'GET', path, { cookie })).text));
  }

  it('shows the partners every secret the scan looks for (so finding none elsewhere means something)', async () => {
    const views: string[] = [];
    for (const actor of ['coach', 'teacher'] as const) {
      const cookie = world.people[actor].cookie;
      for (const path of [
        '/api/me',
        '/api/me/export',
        partnershipPath(world),
        `${partnershipPath(world)}/timeline`,
        `${meetingPath(world)}/coaching`,
      ]) {
        const res = await rawRequest(world.server.url, 'GET', path, { cookie });
        expect(res.status, `${path} as ${actor}`).toBe(200);
        views.push(res.text);
      }
    }
    const seen = views.join('\n');
    expect(world.secrets.filter((s) => !seen.includes(s))).toEqual([]);
  });

  describe.each(Object.entries(HTTP_ROUTES))('%s', (key, row) => {
    it.each(ACTORS)('as %s', async (actor) => {
      const call = await row.request(world, actor);
      const method = key.split(' ')[0] ?? 'GET';
      const cookie =
        actor === 'anonymous' ? null : row.endsSession ? await freshCookie(actor) : world.people[actor].cookie;
      const before = method === 'GET' ? null : await partnersView();
      const res = await rawRequest(world.server.url, method, call.path, { cookie, body: call.body });

      const expected = row.onlyWithClientBuild && !clientBuilt ? 404 : row.expect[actor];
      expect(res.status, `${method} ${call.path} as ${actor}: ${res.text.slice(0, 300)}`).toBe(expected);
      if (before !== null && res.status >= 400) {
        expect(await partnersView(), `${method} ${call.path} as ${actor} was refused but changed something`).toEqual(
          before,
        );
      }
      if (NON_PARTNERS.includes(actor)) {
        const sent = `${call.path} ${JSON.stringify(call.body ?? null)}`;
        const answer = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${res.text}`;
        expect(leaked(world.secrets, sent, answer), `${method} ${call.path} as ${actor} revealed`).toEqual([]);
      }
      await row.restore?.(world, actor);
    });
  });

  // A 404 that differed for a real id would say the thing exists.
  describe('answers a stranger naming ids that do not exist exactly as it answers them naming real ones', () => {
    const rows = Object.entries(HTTP_ROUTES).filter(([, row]) => row.expect.stranger === 404 && !row.namesNoId);
    it.each(rows)('%s', async (key, row) => {
      const method = key.split(' ')[0] ?? 'GET';
      const cookie = world.people.stranger.cookie;
      const real = await row.request(world, 'stranger');
      const invented = world.ids().reduce((path, id) => path.replaceAll(id, randomUUID()), real.path);
      expect(invented).not.toBe(real.path);
      const a = await rawRequest(world.server.url, method, real.path, { cookie, body: real.body });
      const b = await rawRequest(world.server.url, method, invented, { cookie, body: real.body });
      expect({ status: b.status, text: b.text }).toEqual({ status: a.status, text: a.text });
    });
  });

  it("does not let the outsider reach the partnership's rehearsal through a meeting of their own", async () => {
    const path = `/api/meetings/${world.outsiderMeetingId}/practice/${world.practiceEntryId}/reflection`;
    const before = await partnersView();
    const res = await rawRequest(world.server.url, 'PUT', path, {
      cookie: world.people.outsider.cookie,
      body: { reflection: 'Written by someone else' },
    });
    expect(res.status, res.text).toBe(404);
    expect(leaked(world.secrets, path, res.text)).toEqual([]);
    expect(await partnersView()).toEqual(before);
  });

  describe(`WS ${COLLAB_PATH}/:meetingId`, () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const path = `${COLLAB_PATH}/${world.fixture.meeting.id}`;
      const cookie = actor === 'anonymous' ? null : world.people[actor].cookie;
      const { status, body } = await tryUpgrade(`${world.server.wsUrl}${path}`, cookie);
      expect(status, `${path} as ${actor}: ${body}`).toBe(COLLAB_EXPECT[actor]);
      if (NON_PARTNERS.includes(actor)) expect(leaked(world.secrets, path, body)).toEqual([]);
    });

    it('answers an unknown meeting exactly as a meeting that is not yours', async () => {
      const stranger = world.people.stranger.cookie;
      const real = await tryUpgrade(`${world.server.wsUrl}${COLLAB_PATH}/${world.fixture.meeting.id}`, stranger);
      const never = await tryUpgrade(`${world.server.wsUrl}${COLLAB_PATH}/${randomUUID()}`, stranger);
      expect(real).toEqual(never);
    });
  });

  describe.each(Object.entries(SOCKET_EVENTS))('socket.io %s', (event, row) => {
    it('refuses a signed-out socket before any event', async () => {
      await expect(openRealtimeSocket(world.server.url, null)).rejects.toThrow('unauthenticated');
    });

    it.each(SIGNED_IN)('as %s', async (actor) => {
      const socket = sockets.get(actor);
      if (!socket) throw new Error(`no socket for ${actor}`);
      const payload = await row.payload(world, actor);
      const ack: unknown = await socket.timeout(5000).emitWithAck(event, payload);
      const outcome =
        typeof ack === 'object' && ack !== null && 'ok' in ack && ack.ok === true
          ? 'ok'
          : ((ack as { error?: { id?: string } } | null)?.error?.id ?? JSON.stringify(ack));
      expect(outcome, `${event} as ${actor}: ${JSON.stringify(ack)}`).toBe(row.expect[actor]);
      if (NON_PARTNERS.includes(actor)) {
        expect(leaked(world.secrets, JSON.stringify(payload), JSON.stringify(ack))).toEqual([]);
      }
    });
  });

  it('never pushed a non-partner any event about the partnership', async () => {
    // Let one more round trip pass, so anything already broadcast has arrived.
    for (const actor of SIGNED_IN) {
      await sockets.get(actor)?.timeout(5000).emitWithAck(ClientEvent.LeaveMeeting, { meetingId: randomUUID() });
    }
    for (const actor of ['stranger', 'outsider', 'lead', 'schoolCoach', 'member'] as const) {
      const log = received.get(actor) ?? [];
      expect(leaked(world.secrets, '', log.join('\n')), `events pushed to ${actor}: ${log.join('\n')}`).toEqual([]);
    }
    // The partners, meanwhile, heard every kind of event with the planted facts in it (so the sockets listened).
    const teacherHeard = (received.get('teacher') ?? []).join('\n');
    for (const event of [
      ServerEvent.Presence,
      ServerEvent.MeetingStarted,
      ServerEvent.MeetingEnded,
      CycleServerEvent.CoachingChanged,
      CycleServerEvent.CycleChanged,
      CycleServerEvent.LookAtThis,
      SchoolServerEvent.LinkChanged,
    ]) {
      expect(teacherHeard, `the teacher heard ${event}`).toContain(`${event} `);
    }
    for (const secret of [PLANTED.measure, PLANTED.focusTag, PLANTED.practiceWhat, PLANTED.earlierStep]) {
      expect(teacherHeard).toContain(secret);
    }
  });
});
