/**
 * The authorization matrix: every HTTP route, the collaboration socket and
 * every socket.io client event, tried by five callers (signed out, a signed-in
 * stranger, the coach, the teacher, and someone from another partnership).
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
 * Adding a route: add one line to HTTP_ROUTES, keyed exactly as the failure
 * message prints it, e.g.
 *   'GET /api/cycles/:id': { request: get((w) => `/api/cycles/${w.cycleId}`), expect: partnersOnly(200) },
 * A row whose call changes what later rows rely on puts it back in `restore`.
 * Adding a socket.io event: add one entry to SOCKET_EVENTS. New kinds of
 * content: plant a distinctive text in `plantCoachingFacts`.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { CycleClientEvent, CycleServerEvent } from '../../shared/cycleEvents.js';
import { ClientEvent, ServerEvent } from '../../shared/events.js';
import { createHttpApp } from '../../server/http/app.js';
import { backendsToTest } from '../helpers/backends.js';
import { daysFromToday } from '../helpers/coaching.js';
import { buildUser, DEFAULT_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import {
  ACTORS,
  buildWorld,
  NON_PARTNERS,
  plantCoachingFacts,
  PLANTED,
  SIGNED_IN,
  type Actor,
  type SignedInActor,
  type World,
} from '../helpers/matrixWorld.js';
import { leaked, listenedEvents, rawRequest, servedRoutes, tryUpgrade } from '../helpers/privacy.js';
import { openRealtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

// ---- the HTTP table -------------------------------------------------------------------

interface Call {
  path: string;
  body?: unknown;
}

interface HttpRow {
  /** What to send as `actor` (may prepare data first, such as a fresh invitation). */
  request(world: World, actor: Actor): Call | Promise<Call>;
  /** The status each caller gets. */
  expect: Record<Actor, number>;
  /** Puts back what the call changed, so later rows still mean something (runs after every caller). */
  restore?(world: World, actor: Actor): Promise<void>;
  /** The call ends the session it is made with, so each caller signs in afresh for it. */
  endsSession?: boolean;
  /** Served only when the client is built (`dist/client`); otherwise everyone gets 404. */
  onlyWithClientBuild?: boolean;
}

const everyone = (status: number): Record<Actor, number> => ({
  anonymous: status,
  stranger: status,
  coach: status,
  teacher: status,
  outsider: status,
});
/** Any signed-in caller; 401 when signed out. */
const signedIn = (status: number): Record<Actor, number> => ({ ...everyone(status), anonymous: 401 });
/** The two partners; to anyone else signed in the thing does not exist. */
const partnersOnly = (status: number): Record<Actor, number> => ({
  anonymous: 401,
  stranger: 404,
  outsider: 404,
  coach: status,
  teacher: status,
});
/** One partner's decision (`domain/cyclePolicies.ts`): the other partner is refused (403), outsiders see nothing. */
const onlyThe = (role: 'coach' | 'teacher', status: number): Record<Actor, number> => ({
  ...partnersOnly(403),
  [role]: status,
});

const get =
  (path: string | ((w: World) => string)) =>
  (w: World): Call => ({ path: typeof path === 'string' ? path : path(w) });
const send =
  (path: string | ((w: World) => string), body: unknown = {}) =>
  (w: World): Call => ({ path: typeof path === 'string' ? path : path(w), body });

const partnershipPath = (w: World) => `/api/partnerships/${w.fixture.partnership.id}`;
const meetingPath = (w: World) => `/api/meetings/${w.fixture.meeting.id}`;
const cyclePath = (w: World) => `/api/cycles/${w.cycleId}`;

/** Every route the server answers, keyed `METHOD /express/path`. */
const HTTP_ROUTES: Record<string, HttpRow> = {
  'GET /api/health': { request: get('/api/health'), expect: everyone(200) },
  'GET /api/openapi.json': { request: get('/api/openapi.json'), expect: everyone(200) },
  'POST /api/auth/signup': {
    request: () => ({
      path: '/api/auth/signup',
      body: { name: 'A newcomer', email: uniqueEmail('matrix'), password: DEFAULT_PASSWORD },
    }),
    expect: everyone(201),
  },
  'POST /api/auth/login': {
    // Signed out: a wrong password for the coach's address, which must not reveal the coach.
    request: (w, actor) => {
      const who = actor === 'anonymous' ? null : w.people[actor];
      return {
        path: '/api/auth/login',
        body: who ? { email: who.email, password: who.password } : { email: w.fixture.coach.email, password: 'not it' },
      };
    },
    expect: signedIn(200),
  },
  'POST /api/auth/logout': { request: send('/api/auth/logout'), expect: everyone(204), endsSession: true },
  'GET /api/me': { request: get('/api/me'), expect: signedIn(200) },
  'GET /api/me/export': { request: get('/api/me/export'), expect: signedIn(200) },
  // Always with a wrong password: the route itself is proven in accountDeletion.test.ts.
  'DELETE /api/me': { request: send('/api/me', { password: 'not the password' }), expect: signedIn(400) },
  'POST /api/invites': { request: send('/api/invites', { role: 'coach' }), expect: signedIn(201) },
  'GET /api/invites/:token': {
    request: async (w) => ({ path: `/api/invites/${await w.newInviteToken()}` }),
    expect: everyone(200),
  },
  'POST /api/invites/:token/accept': {
    request: async (w) => ({ path: `/api/invites/${await w.newInviteToken()}/accept`, body: {} }),
    expect: signedIn(201),
  },
  // Each caller's own partnerships: the outsider's lists theirs, never this one.
  'GET /api/home': { request: get('/api/home'), expect: signedIn(200) },
  'GET /api/partnerships': { request: get('/api/partnerships'), expect: signedIn(200) },
  'GET /api/partnerships/:id': { request: get(partnershipPath), expect: partnersOnly(200) },
  'GET /api/partnerships/:id/meetings': {
    request: get((w) => `${partnershipPath(w)}/meetings`),
    expect: partnersOnly(200),
  },
  'GET /api/partnerships/:id/timeline': {
    request: get((w) => `${partnershipPath(w)}/timeline`),
    expect: partnersOnly(200),
  },
  'GET /api/partnerships/:id/cycles': {
    request: get((w) => `${partnershipPath(w)}/cycles`),
    expect: partnersOnly(200),
  },
  'GET /api/cycles/:id': { request: get(cyclePath), expect: partnersOnly(200) },
  // The phase only: the planted measure and focus stay as they are.
  'PATCH /api/cycles/:id': { request: send(cyclePath, { phase: 'learn' }), expect: partnersOnly(200) },
  'PUT /api/cycles/:id/goal-status': {
    request: send((w) => `${cyclePath(w)}/goal-status`, { status: 'set' }),
    expect: onlyThe('teacher', 200),
  },
  // The teacher really marks the cycle met; `restore` reopens it so the rows after still have an active cycle.
  'PUT /api/cycles/:id/status': {
    request: send((w) => `${cyclePath(w)}/status`, { status: 'met' }),
    expect: onlyThe('teacher', 200),
    async restore(w, actor) {
      const res = await rawRequest(w.server.url, 'GET', cyclePath(w), { cookie: w.people.teacher.cookie });
      const status = (JSON.parse(res.text) as { cycle: { status: string } }).cycle.status;
      expect(status, `the cycle after ${actor} asked to mark it met`).toBe(actor === 'teacher' ? 'met' : 'active');
      if (status === 'active') return;
      const reopened = await rawRequest(w.server.url, 'PUT', `${cyclePath(w)}/status`, {
        cookie: w.people.teacher.cookie,
        body: { status: 'active' },
      });
      expect(reopened.status, reopened.text).toBe(200);
    },
  },
  'GET /api/meetings/:id': { request: get(meetingPath), expect: partnersOnly(200) },
  'GET /api/meetings/:id/authors': { request: get((w) => `${meetingPath(w)}/authors`), expect: partnersOnly(200) },
  'GET /api/meetings/:id/coaching': { request: get((w) => `${meetingPath(w)}/coaching`), expect: partnersOnly(200) },
  'PUT /api/meetings/:id/approach': {
    request: send((w) => `${meetingPath(w)}/approach`, { approach: 'dialogical' }),
    expect: onlyThe('coach', 200),
  },
  // The meeting carries the earlier meeting's step, so there is something to look back on.
  'PUT /api/meetings/:id/review': {
    request: send((w) => `${meetingPath(w)}/review`, { outcome: 'partly' }),
    expect: partnersOnly(200),
  },
  'PUT /api/meetings/:id/step-due': {
    request: send((w) => `${meetingPath(w)}/step-due`, { dueOn: daysFromToday(5) }),
    expect: partnersOnly(200),
  },
  'PUT /api/meetings/:id/peers': {
    request: send((w) => `${meetingPath(w)}/peers`, { criterion: 'reachable', checked: true }),
    expect: partnersOnly(200),
  },
  // Each caller names the step exactly as it stands (a date no one agreed to yet), so a partner's 201 is real.
  'POST /api/meetings/:id/agreements': {
    request: async (w) => ({ path: `${meetingPath(w)}/agreements`, body: { hash: await w.freshStepHash() } }),
    expect: partnersOnly(201),
  },
  'POST /api/meetings/:id/practice': {
    request: send((w) => `${meetingPath(w)}/practice`, { practisedOn: daysFromToday(0), what: 'Another rehearsal' }),
    expect: partnersOnly(201),
  },
  'PUT /api/meetings/:id/practice/:entryId/reflection': {
    request: send((w) => `${meetingPath(w)}/practice/${w.practiceEntryId}/reflection`, { reflection: 'Better.' }),
    expect: onlyThe('teacher', 200),
  },
  'POST /api/partnerships/:id/meetings': {
    request: send((w) => `${partnershipPath(w)}/meetings`, { title: 'Another meeting' }),
    expect: partnersOnly(201),
  },
  'POST /api/meetings/:id/end': { request: send((w) => `${meetingPath(w)}/end`), expect: partnersOnly(200) },
  // The client's pages: the same static page for everyone, whatever the address names.
  'GET /{*splat}': {
    request: get((w) => `/partnerships/${w.fixture.partnership.id}`),
    expect: everyone(200),
    onlyWithClientBuild: true,
  },
};

// ---- the socket tables ----------------------------------------------------------------

/** `/collab/<meetingId>`: the status of the upgrade (101 when it is accepted). */
const COLLAB_EXPECT: Record<Actor, number> = {
  anonymous: 401,
  stranger: 404,
  outsider: 404,
  coach: 101,
  teacher: 101,
};

/** 'ok', or the id of the error in the acknowledgement. Signed-out sockets are refused before any event. */
type AckOutcome = 'ok' | string;

interface SocketRow {
  payload(world: World, actor: SignedInActor): unknown;
  expect: Record<SignedInActor, AckOutcome>;
}

const meetingRef = (w: World) => ({ meetingId: w.fixture.meeting.id });
const partnersOk: Record<SignedInActor, AckOutcome> = {
  stranger: 'not_found',
  outsider: 'not_found',
  coach: 'ok',
  teacher: 'ok',
};

/**
 * Every socket.io client event, by its wire name, in the order they run
 * (leaving last, so the partners hear every event pushed before it).
 */
const SOCKET_EVENTS: Record<string, SocketRow> = {
  [ClientEvent.JoinMeeting]: { payload: meetingRef, expect: partnersOk },
  // With the step's current hash, so only access decides.
  [CycleClientEvent.AgreeToStep]: {
    payload: async (w) => ({ ...meetingRef(w), hash: await w.freshStepHash() }),
    expect: partnersOk,
  },
  [CycleClientEvent.LookAtThis]: { payload: (w) => ({ ...meetingRef(w), sectionId: 'goal' }), expect: partnersOk },
  [ClientEvent.EndMeeting]: { payload: meetingRef, expect: partnersOk },
  // Leaving a room you are not in is harmless and says nothing.
  [ClientEvent.LeaveMeeting]: {
    payload: meetingRef,
    expect: { stranger: 'ok', outsider: 'ok', coach: 'ok', teacher: 'ok' },
  },
};

/** Every event a client may emit, from the shared tables. */
const CLIENT_EVENTS: string[] = [...Object.values(ClientEvent), ...Object.values(CycleClientEvent)];

/** `/api/meetings/{id}` -> `/api/meetings/:id`. */
const fromOpenApiPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

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
      `Routes served but missing from HTTP_ROUTES in tests/integration/authorizationMatrix.test.ts; ` +
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
      `Client events missing from SOCKET_EVENTS in tests/integration/authorizationMatrix.test.ts: ${missing.join(', ')}`,
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
    const rows = Object.entries(HTTP_ROUTES).filter(([, row]) => row.expect.stranger === 404);
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
    for (const actor of ['stranger', 'outsider'] as const) {
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
    ]) {
      expect(teacherHeard, `the teacher heard ${event}`).toContain(`${event} `);
    }
    for (const secret of [PLANTED.measure, PLANTED.focusTag, PLANTED.practiceWhat, PLANTED.earlierStep]) {
      expect(teacherHeard).toContain(secret);
    }
  });
});
