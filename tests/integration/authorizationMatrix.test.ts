/**
 * The authorization matrix: every HTTP route, the collaboration socket and
 * every socket.io client event, tried by five callers (signed out, a signed-in
 * stranger, the coach, the teacher, and someone from another partnership).
 * Each answer must have the status the table says, and nothing sent to a
 * non-partner may hold the partnership's ids, names, emails, meeting titles
 * or notes, beyond what that caller sent themselves.
 *
 * The table is checked against the real app: a route that Express serves, or
 * the OpenAPI document lists, without a row here fails the test by name.
 *
 * Adding a route: add one line to HTTP_ROUTES, keyed exactly as the failure
 * message prints it, e.g.
 *   'GET /api/cycles/:id': { request: get((w) => `/api/cycles/${w.cycleId}`), expect: partnersOnly(200) },
 * Adding a socket.io event: add one entry to SOCKET_EVENTS.
 */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateInviteResponseSchema } from '../../shared/api.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { ClientEvent, REALTIME_PROTOCOL_VERSION } from '../../shared/events.js';
import { createHttpApp } from '../../server/http/app.js';
import { backendsToTest } from '../helpers/backends.js';
import {
  buildMeeting,
  buildPartnership,
  buildUser,
  DEFAULT_PASSWORD,
  uniqueEmail,
  type MeetingFixture,
  type UserFixture,
} from '../helpers/factories.js';
import { rawRequest, writeSections } from '../helpers/privacy.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

// ---- callers ------------------------------------------------------------------------

const ACTORS = ['anonymous', 'stranger', 'coach', 'teacher', 'outsider'] as const;
type Actor = (typeof ACTORS)[number];
type SignedInActor = Exclude<Actor, 'anonymous'>;
/** Callers who must learn nothing about the partnership. */
const NON_PARTNERS: readonly Actor[] = ['anonymous', 'stranger', 'outsider'];

/** What the test world holds: the partnership under test and the people around it. */
interface World {
  server: TestServer;
  /** The coach and teacher whose partnership, meeting and notes are the secrets. */
  fixture: MeetingFixture;
  people: Record<SignedInActor, UserFixture>;
  /** A new invitation link token from someone unconnected to the partnership. */
  newInviteToken(): Promise<string>;
}

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

const get =
  (path: string | ((w: World) => string)) =>
  (w: World): Call => ({ path: typeof path === 'string' ? path : path(w) });
const send =
  (path: string | ((w: World) => string), body: unknown = {}) =>
  (w: World): Call => ({ path: typeof path === 'string' ? path : path(w), body });

const partnershipPath = (w: World) => `/api/partnerships/${w.fixture.partnership.id}`;
const meetingPath = (w: World) => `/api/meetings/${w.fixture.meeting.id}`;

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
  'GET /api/partnerships': { request: get('/api/partnerships'), expect: signedIn(200) },
  'GET /api/partnerships/:id': { request: get(partnershipPath), expect: partnersOnly(200) },
  'GET /api/partnerships/:id/meetings': {
    request: get((w) => `${partnershipPath(w)}/meetings`),
    expect: partnersOnly(200),
  },
  'POST /api/partnerships/:id/meetings': {
    request: send((w) => `${partnershipPath(w)}/meetings`, { title: 'Another meeting' }),
    expect: partnersOnly(201),
  },
  'GET /api/meetings/:id': { request: get(meetingPath), expect: partnersOnly(200) },
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
  payload(world: World): unknown;
  expect: Record<SignedInActor, AckOutcome>;
}

const meetingRef = (w: World) => ({ meetingId: w.fixture.meeting.id });

/** Every socket.io client event, by its wire name. */
const SOCKET_EVENTS: Record<string, SocketRow> = {
  [ClientEvent.JoinMeeting]: {
    payload: meetingRef,
    expect: { stranger: 'not_found', outsider: 'not_found', coach: 'ok', teacher: 'ok' },
  },
  // Leaving a room you are not in is harmless and says nothing.
  [ClientEvent.LeaveMeeting]: {
    payload: meetingRef,
    expect: { stranger: 'ok', outsider: 'ok', coach: 'ok', teacher: 'ok' },
  },
  [ClientEvent.EndMeeting]: {
    payload: meetingRef,
    expect: { stranger: 'not_found', outsider: 'not_found', coach: 'ok', teacher: 'ok' },
  },
};

// ---- what the real app serves ---------------------------------------------------------

/** The parts of Express 5's router (router 2.x) layers that say what is served. */
interface RouterLayer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every `METHOD /path` that `app` routes, found by walking its router stack. */
function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on) found.push(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${prefix}${path}`);
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app.router as unknown as { stack: RouterLayer[] }).stack, '');
  return [...new Set(found)].sort();
}

/** `/api/meetings/{id}` -> `/api/meetings/:id`. */
const fromOpenApiPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

// ---- the secrets and the scan ---------------------------------------------------------

const COACH_NAME = 'Philippa Marchbanks';
const TEACHER_NAME = 'Oluwaseun Trevithick';
const MEETING_TITLE = 'Marigold questioning review';
const SECRET_NOTES = {
  goal: 'Zephyr-quiet reflections on wait time',
  actionStep: 'Pause for a slow count of three after every question',
};

function secretsOf(fixture: MeetingFixture): string[] {
  return [
    fixture.partnership.id,
    fixture.meeting.id,
    fixture.coach.user.id,
    fixture.teacher.user.id,
    COACH_NAME,
    TEACHER_NAME,
    fixture.coach.email,
    fixture.teacher.email,
    MEETING_TITLE,
    ...Object.values(SECRET_NOTES),
  ];
}

/** The secrets found in `received` that the caller did not send themselves. */
function leaked(secrets: string[], sent: string, received: string): string[] {
  return secrets.filter((s) => !sent.includes(s) && received.includes(s));
}

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

  it('has a row for every socket.io client event', () => {
    const events: string[] = Object.values(ClientEvent);
    const missing = events.filter((e) => !(e in SOCKET_EVENTS));
    expect(
      missing,
      `ClientEvents missing from SOCKET_EVENTS in tests/integration/authorizationMatrix.test.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    const stale = Object.keys(SOCKET_EVENTS).filter((e) => !events.includes(e));
    expect(stale, `Rows in SOCKET_EVENTS for events that are not ClientEvents: ${stale.join(', ')}`).toEqual([]);
  });
});

describe.each(backends)('the authorization matrix (%s)', (backend) => {
  let world: World;
  let secrets: string[];
  let clientBuilt: boolean;
  const sockets = new Map<SignedInActor, Socket>();
  /** Every server event each signed-in caller's socket received, as JSON. */
  const received = new Map<SignedInActor, string[]>();

  beforeAll(async () => {
    const server = await startTestServer({ backend });
    const coach = await buildUser(server, { name: COACH_NAME });
    const teacher = await buildUser(server, { name: TEACHER_NAME });
    const fixture = await buildMeeting(server, await buildPartnership(server, { coach, teacher }), {
      title: MEETING_TITLE,
    });
    await writeSections(server, fixture.meeting.id, coach.cookie, SECRET_NOTES);
    const stranger = await buildUser(server, { name: 'Signed-in Stranger' });
    // Someone with a partnership and a meeting of their own: a real, active user.
    const outsider = await buildUser(server, { name: 'Other Partnership' });
    await buildMeeting(server, await buildPartnership(server, { coach: outsider }), { title: 'Their own meeting' });
    const matchmaker = await buildUser(server, { name: 'Unconnected Inviter' });

    world = {
      server,
      fixture,
      people: { coach, teacher, stranger, outsider },
      async newInviteToken() {
        const res = await matchmaker.client.post('/api/invites', { role: 'coach' });
        return CreateInviteResponseSchema.parse(res.body).token;
      },
    };
    secrets = secretsOf(fixture);
    clientBuilt = servedRoutes(createHttpApp(server.server.services)).includes('GET /{*splat}');

    for (const actor of ['stranger', 'coach', 'teacher', 'outsider'] as const) {
      const socket = await openSocket(world.people[actor].cookie);
      const log: string[] = [];
      socket.onAny((event: string, ...args: unknown[]) => log.push(`${event} ${JSON.stringify(args)}`));
      sockets.set(actor, socket);
      received.set(actor, log);
    }
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.disconnect();
    await world?.server.stop();
  });

  function openSocket(cookie: string | null): Promise<Socket> {
    const socket = connectSocket(world.server.url, {
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      auth: { v: REALTIME_PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => {
        socket.disconnect();
        reject(err);
      });
    });
  }

  /** A session for `actor` that only this call uses (for calls that end their session). */
  async function freshCookie(actor: SignedInActor): Promise<string> {
    const { email, password } = world.people[actor];
    const res = await rawRequest(world.server.url, 'POST', '/api/auth/login', { body: { email, password } });
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
    if (res.status !== 200 || !cookie) throw new Error(`could not sign ${actor} in again: ${res.status}`);
    return cookie;
  }

  describe.each(Object.entries(HTTP_ROUTES))('%s', (_key, row) => {
    it.each(ACTORS)('as %s', async (actor) => {
      const call = await row.request(world, actor);
      const method = _key.split(' ')[0] ?? 'GET';
      const cookie =
        actor === 'anonymous' ? null : row.endsSession ? await freshCookie(actor) : world.people[actor].cookie;
      const res = await rawRequest(world.server.url, method, call.path, { cookie, body: call.body });

      const expected = row.onlyWithClientBuild && !clientBuilt ? 404 : row.expect[actor];
      expect(res.status, `${method} ${call.path} as ${actor}: ${res.text.slice(0, 300)}`).toBe(expected);
      if (NON_PARTNERS.includes(actor)) {
        const sent = `${call.path} ${JSON.stringify(call.body ?? null)}`;
        const answer = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${res.text}`;
        expect(leaked(secrets, sent, answer), `${method} ${call.path} as ${actor} revealed`).toEqual([]);
      }
    });
  });

  describe(`WS ${COLLAB_PATH}/:meetingId`, () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const path = `${COLLAB_PATH}/${world.fixture.meeting.id}`;
      const cookie = actor === 'anonymous' ? null : world.people[actor].cookie;
      const { status, body } = await upgrade(`${world.server.wsUrl}${path}`, cookie);
      expect(status, `${path} as ${actor}: ${body}`).toBe(COLLAB_EXPECT[actor]);
      if (NON_PARTNERS.includes(actor)) expect(leaked(secrets, path, body)).toEqual([]);
    });

    it('answers an unknown meeting exactly as a meeting that is not yours', async () => {
      const stranger = world.people.stranger.cookie;
      const real = await upgrade(`${world.server.wsUrl}${COLLAB_PATH}/${world.fixture.meeting.id}`, stranger);
      const never = await upgrade(`${world.server.wsUrl}${COLLAB_PATH}/${randomUUID()}`, stranger);
      expect(real).toEqual(never);
    });
  });

  describe.each(Object.entries(SOCKET_EVENTS))('socket.io %s', (event, row) => {
    it('refuses a signed-out socket before any event', async () => {
      await expect(openSocket(null)).rejects.toThrow('unauthenticated');
    });

    it.each(['stranger', 'coach', 'teacher', 'outsider'] as const)('as %s', async (actor) => {
      const socket = sockets.get(actor);
      if (!socket) throw new Error(`no socket for ${actor}`);
      const payload = row.payload(world);
      const ack: unknown = await socket.timeout(5000).emitWithAck(event, payload);
      const outcome =
        typeof ack === 'object' && ack !== null && 'ok' in ack && ack.ok === true
          ? 'ok'
          : ((ack as { error?: { id?: string } } | null)?.error?.id ?? JSON.stringify(ack));
      expect(outcome, `${event} as ${actor}: ${JSON.stringify(ack)}`).toBe(row.expect[actor]);
      if (NON_PARTNERS.includes(actor)) {
        expect(leaked(secrets, JSON.stringify(payload), JSON.stringify(ack))).toEqual([]);
      }
    });
  });

  it('never pushed a non-partner any event about the partnership', async () => {
    // Let one more round trip pass, so anything already broadcast has arrived.
    for (const actor of ['stranger', 'outsider'] as const) {
      await sockets.get(actor)?.timeout(5000).emitWithAck(ClientEvent.LeaveMeeting, { meetingId: randomUUID() });
      const log = received.get(actor) ?? [];
      expect(leaked(secrets, '', log.join('\n')), `events pushed to ${actor}: ${log.join('\n')}`).toEqual([]);
    }
    // The partners, meanwhile, did hear about the meeting (so the sockets were listening).
    expect((received.get('teacher') ?? []).join('\n')).toContain(world.fixture.meeting.id);
  });
});

/** Tries a WebSocket upgrade; resolves with the status (101 when accepted) and any refusal body. */
function upgrade(url: string, cookie: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        ws.terminate();
      });
    });
    ws.on('open', () => {
      resolve({ status: 101, body: '' });
      ws.close();
    });
    ws.on('error', (err) => reject(err));
  });
}
