/**
 * What the authorization matrix's row tables are made of
 * (`authorizationTable.ts`, `schoolRows.ts`, `scheduleRows.ts`, `modelRows.ts`):
 * a row's shape, the statuses each kind of caller gets, and the calls and
 * paths rows are written with.
 */
import type { Actor, World } from './matrixWorld.js';

export interface Call {
  path: string;
  body?: unknown;
}

export interface HttpRow {
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
  /** The path names no id, so its 404 says nothing about what exists (left out of the invented-ids check). */
  namesNoId?: boolean;
}

export const everyone = (status: number): Record<Actor, number> => ({
  anonymous: status,
  stranger: status,
  coach: status,
  teacher: status,
  outsider: status,
  lead: status,
  schoolCoach: status,
  member: status,
});
/** Any signed-in caller; 401 when signed out. */
export const signedIn = (status: number): Record<Actor, number> => ({ ...everyone(status), anonymous: 401 });
/** The two partners; to anyone else signed in the thing does not exist. */
export const partnersOnly = (status: number): Record<Actor, number> => ({
  anonymous: 401,
  stranger: 404,
  outsider: 404,
  lead: 404,
  schoolCoach: 404,
  member: 404,
  coach: status,
  teacher: status,
});
/** The school's staff (lead, coach, member) get `status`; to everyone else the school does not exist. */
export const schoolStaff = (status: number): Record<Actor, number> => ({
  ...partnersOnly(404),
  lead: status,
  schoolCoach: status,
  member: status,
});
/** The lead's decision: other staff are refused (403); to everyone else the school does not exist. */
export const leadOnly = (status: number): Record<Actor, number> => ({ ...schoolStaff(403), lead: status });
/** One partner's decision (`domain/cyclePolicies.ts`): the other partner is refused (403), outsiders see nothing. */
export const onlyThe = (role: 'coach' | 'teacher', status: number): Record<Actor, number> => ({
  ...partnersOnly(403),
  [role]: status,
});

export const get =
  (path: string | ((w: World) => string)) =>
  (w: World): Call => ({ path: typeof path === 'string' ? path : path(w) });
export const send =
  (path: string | ((w: World) => string), body: unknown = {}) =>
  (w: World): Call => ({ path: typeof path === 'string' ? path : path(w), body });

export const partnershipPath = (w: World) => `/api/partnerships/${w.fixture.partnership.id}`;
export const meetingPath = (w: World) => `/api/meetings/${w.fixture.meeting.id}`;
export const cyclePath = (w: World) => `/api/cycles/${w.cycleId}`;
export const schoolPath = (w: World) => `/api/schools/${w.schoolId}`;
