/**
 * The tables of the authorization matrix (tests/integration/authorizationMatrix.test.ts):
 * for every HTTP route, the collaboration socket and every socket.io client
 * event, what each of the eight callers must get. Rows by concern: accounts,
 * partnerships, meetings and cycles here; schools and the models library in
 * `schoolRows.ts` and `modelRows.ts`; the next meeting, calendars and
 * reminders in `scheduleRows.ts`; what rows are made of in `matrixRows.ts`.
 *
 * Adding a route: add one line to HTTP_ROUTES (or its concern's table), keyed
 * exactly as the test's failure message prints it, e.g.
 *   'GET /api/cycles/:id': { request: get((w) => `/api/cycles/${w.cycleId}`), expect: partnersOnly(200) },
 * A row whose call changes what later rows rely on puts it back in `restore`.
 * Adding a socket.io event: add one entry to SOCKET_EVENTS.
 */
import { expect } from 'vitest';
import { CycleClientEvent } from '../../shared/cycleEvents.js';
import type { ApiRouteKey } from '../../shared/contract/index.js';
import { CLIENT_EVENTS as CLIENT_EVENT_MAP, type ClientEventName } from '../../shared/eventMap.js';
import { ClientEvent } from '../../shared/events.js';
import { daysFromToday } from './coaching.js';
import { DEFAULT_PASSWORD, uniqueEmail } from './factories.js';
import {
  cyclePath,
  everyone,
  get,
  meetingPath,
  onlyThe,
  partnershipPath,
  partnersOnly,
  send,
  signedIn,
  type HttpRow,
} from './matrixRows.js';
import type { Actor, SignedInActor, World } from './matrixWorld.js';
import { rawRequest } from './privacy.js';
import { SCHEDULE_ROWS } from './scheduleRows.js';
import { SCHOOL_ROWS } from './schoolRows.js';

// ---- the HTTP table -------------------------------------------------------------------

async function finishIfOpen(w: World): Promise<void> {
  const { finishing } = w.server.server.services;
  const meeting = await w.server.server.services.meetings.get(w.fixture.coach.user.id, w.fixture.meeting.id);
  if (!meeting.row.finished_at) await finishing.finish(w.fixture.coach.user.id, w.fixture.meeting.id);
}

async function reopenIfFinished(w: World): Promise<void> {
  const { finishing } = w.server.server.services;
  const meeting = await w.server.server.services.meetings.get(w.fixture.coach.user.id, w.fixture.meeting.id);
  if (meeting.row.finished_at) await finishing.reopen(w.fixture.coach.user.id, w.fixture.meeting.id);
}

const measureValuesPath = (w: World) => `${cyclePath(w)}/measure/values`;

/**
 * Every route the server answers, keyed `METHOD /express/path`: each API route's contract key
 * (`shared/contract/`, so a route without a row does not compile) and the client app.
 */
export const HTTP_ROUTES: Record<ApiRouteKey | 'GET /{*splat}', HttpRow> = {
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
  // The matrix's server has no OpenID provider configured: the browser routes send everyone back to the
  // sign-in page and the link routes find nothing. The configured routes are proven in oidc.test.ts.
  'GET /api/auth/providers': { request: get('/api/auth/providers'), expect: everyone(200) },
  'GET /api/auth/oidc/start': { request: get('/api/auth/oidc/start'), expect: everyone(302) },
  'GET /api/auth/oidc/callback': { request: get('/api/auth/oidc/callback?code=x&state=y'), expect: everyone(302) },
  'GET /api/auth/oidc/link': { request: get('/api/auth/oidc/link'), expect: everyone(404), namesNoId: true },
  'POST /api/auth/oidc/link/password': {
    request: send('/api/auth/oidc/link/password', { password: 'not it' }),
    expect: everyone(404),
    namesNoId: true,
  },
  'POST /api/auth/oidc/link/email': {
    request: send('/api/auth/oidc/link/email'),
    expect: everyone(404),
    namesNoId: true,
  },
  'POST /api/auth/oidc/link/confirm': {
    request: send('/api/auth/oidc/link/confirm', { token: 'no-such-token' }),
    expect: everyone(404),
    namesNoId: true,
  },
  'GET /api/me': { request: get('/api/me'), expect: signedIn(200) },
  'GET /api/me/export': { request: get('/api/me/export'), expect: signedIn(200) },
  // Always with a wrong password: the route itself is proven in accountDeletion.test.ts.
  'DELETE /api/me': { request: send('/api/me', { password: 'not the password' }), expect: signedIn(400) },
  // Asking for a reset link is answered alike for everyone, account or not (passwordReset.test.ts).
  'POST /api/auth/password-reset': {
    request: () => ({ path: '/api/auth/password-reset', body: { email: uniqueEmail('matrix') } }),
    expect: everyone(204),
  },
  // A link nobody was sent: the same 410 for everyone, signed in or not.
  'POST /api/auth/password-reset/confirm': {
    request: send('/api/auth/password-reset/confirm', { token: 'not.a-real-link', password: DEFAULT_PASSWORD }),
    expect: everyone(410),
  },
  'POST /api/auth/email-change/confirm': {
    request: send('/api/auth/email-change/confirm', { token: 'not.a-real-link' }),
    expect: everyone(410),
  },
  // Each caller is sent a link to delete their own account (and nobody follows it here: closureLinks.test.ts).
  'POST /api/me/close-by-email': { request: send('/api/me/close-by-email'), expect: signedIn(200) },
  'POST /api/auth/account-closure/confirm': {
    request: send('/api/auth/account-closure/confirm', { token: 'not.a-real-link' }),
    expect: everyone(410),
  },
  // Each caller renames themselves to the name they have, so later rows still find the planted names.
  'PUT /api/me/name': {
    request: (w, actor) => ({
      path: '/api/me/name',
      body: { name: actor === 'anonymous' ? 'Nobody' : w.people[actor].user.name },
    }),
    expect: signedIn(200),
  },
  // Always with a wrong current password (a right one would end the sessions later rows use): the routes
  // themselves are proven in accountSettings.test.ts.
  'PUT /api/me/password': {
    request: send('/api/me/password', { currentPassword: 'not the password', newPassword: DEFAULT_PASSWORD }),
    expect: signedIn(400),
  },
  'POST /api/me/email': {
    request: () => ({ path: '/api/me/email', body: { email: uniqueEmail('matrix'), password: 'not the password' } }),
    expect: signedIn(400),
  },
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
  'GET /api/cycles/:id/measure/values': { request: get(measureValuesPath), expect: partnersOnly(200) },
  'POST /api/cycles/:id/measure/values': {
    request: send(measureValuesPath, { value: 7, measuredOn: daysFromToday(0) }),
    expect: partnersOnly(201),
  },
  // The planted value, corrected to what it already is: the planted facts stay as they are.
  'PATCH /api/cycles/:id/measure/values/:valueId': {
    request: send((w) => `${measureValuesPath(w)}/${w.measureValueId}`, { value: 5 }),
    expect: partnersOnly(200),
  },
  // Each caller tries to remove a value the coach has just recorded; only a partner's call removes it.
  'DELETE /api/cycles/:id/measure/values/:valueId': {
    request: async (w) => {
      const res = await rawRequest(w.server.url, 'POST', measureValuesPath(w), {
        cookie: w.people.coach.cookie,
        body: { value: 8, measuredOn: daysFromToday(0) },
      });
      expect(res.status, res.text).toBe(201);
      const values = (JSON.parse(res.text) as { values: { id: string; recordedAt: string }[] }).values;
      const newest = values.toSorted((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
      return { path: `${measureValuesPath(w)}/${newest?.id ?? 'none'}` };
    },
    expect: partnersOnly(200),
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
  'POST /api/meetings/:id/finish': {
    request: send((w) => `${meetingPath(w)}/finish`),
    expect: partnersOnly(200),
    restore: reopenIfFinished,
  },
  'POST /api/meetings/:id/reopen': {
    request: async (w) => {
      await finishIfOpen(w);
      return { path: `${meetingPath(w)}/reopen`, body: {} };
    },
    expect: partnersOnly(200),
    restore: reopenIfFinished,
  },
  'GET /api/meetings/:id/versions': { request: get((w) => `${meetingPath(w)}/versions`), expect: partnersOnly(200) },
  'GET /api/meetings/:id/versions/:versionId': {
    request: async (w) => ({ path: `${meetingPath(w)}/versions/${await w.versionId()}` }),
    expect: partnersOnly(200),
  },
  'GET /api/meetings/:id/versions/:versionId/compare': {
    request: async (w) => ({ path: `${meetingPath(w)}/versions/${await w.versionId()}/compare` }),
    expect: partnersOnly(200),
  },
  // The goal as first written: the same words come back, as the caller's edit.
  'POST /api/meetings/:id/versions/:versionId/restore': {
    request: async (w) => ({
      path: `${meetingPath(w)}/versions/${await w.versionId()}/restore`,
      body: { section: 'goal' },
    }),
    expect: partnersOnly(200),
  },
  // Each caller searches for the planted goal: only the partners may find it (everyone signed in gets 200).
  'GET /api/search': {
    request: get(`/api/search?q=${encodeURIComponent('Zephyr-quiet reflections')}`),
    expect: signedIn(200),
  },
  'GET /api/meetings/:id/export.md': { request: get((w) => `${meetingPath(w)}/export.md`), expect: partnersOnly(200) },
  'GET /api/cycles/:id/export.md': { request: get((w) => `${cyclePath(w)}/export.md`), expect: partnersOnly(200) },
  'GET /api/cycles/:id/record': { request: get((w) => `${cyclePath(w)}/record`), expect: partnersOnly(200) },
  ...SCHOOL_ROWS,
  ...SCHEDULE_ROWS,
  'GET /{*splat}': {
    request: get((w) => `/partnerships/${w.fixture.partnership.id}`),
    expect: everyone(200),
    onlyWithClientBuild: true,
  },
};

// ---- the socket tables ----------------------------------------------------------------

/** `/collab/<meetingId>`: the status of the upgrade (101 when it is accepted). */
export const COLLAB_EXPECT: Record<Actor, number> = partnersOnly(101);

/** 'ok', or the id of the error in the acknowledgement. Signed-out sockets are refused before any event. */
export type AckOutcome = 'ok' | string;

export interface SocketRow {
  payload(world: World, actor: SignedInActor): unknown;
  expect: Record<SignedInActor, AckOutcome>;
}

export const meetingRef = (w: World) => ({ meetingId: w.fixture.meeting.id });
const partnersOk: Record<SignedInActor, AckOutcome> = {
  stranger: 'not_found',
  outsider: 'not_found',
  lead: 'not_found',
  schoolCoach: 'not_found',
  member: 'not_found',
  coach: 'ok',
  teacher: 'ok',
};

/**
 * Every socket.io client event, by its wire name, in the order they run
 * (leaving last, so the partners hear every event pushed before it).
 */
export const SOCKET_EVENTS: Record<ClientEventName, SocketRow> = {
  [ClientEvent.JoinMeeting]: { payload: meetingRef, expect: partnersOk },
  [CycleClientEvent.LookAtThis]: { payload: (w) => ({ ...meetingRef(w), sectionId: 'goal' }), expect: partnersOk },
  // Leaving a room you are not in is harmless and says nothing.
  [ClientEvent.LeaveMeeting]: {
    payload: meetingRef,
    expect: {
      stranger: 'ok',
      outsider: 'ok',
      coach: 'ok',
      teacher: 'ok',
      lead: 'ok',
      schoolCoach: 'ok',
      member: 'ok',
    },
  },
};

/** Every event a client may emit, from the shared event map. */
export const CLIENT_EVENTS: string[] = Object.keys(CLIENT_EVENT_MAP);

/** `/api/meetings/{id}` -> `/api/meetings/:id`. */
export const fromOpenApiPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
