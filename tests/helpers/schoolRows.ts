/**
 * The authorization matrix's rows for schools: staff, invitation links,
 * persistent problems, a partnership's link to a school, the programme and
 * "What the school sees" (spread into HTTP_ROUTES in authorizationTable.ts,
 * with the library of models of `modelRows.ts`). The lead adds no path to
 * meeting content: the leak scan checks every answer.
 */
import type { ApiRouteKey } from '../../shared/contract/index.js';
import {
  cyclePath,
  get,
  leadOnly,
  onlyThe,
  partnershipPath,
  partnersOnly,
  schoolPath,
  schoolStaff,
  send,
  signedIn,
  type HttpRow,
} from './matrixRows.js';
import type { Actor, World } from './matrixWorld.js';
import { MODEL_ROWS, type ModelRouteKey } from './modelRows.js';
import { buildUser } from './factories.js';

/** Takes out of the school anyone a row let join who was not on its staff before (so no partner is listed). */
async function leaveIfJoined(w: World, actor: Actor): Promise<void> {
  if (actor === 'anonymous' || actor === 'lead' || actor === 'schoolCoach' || actor === 'member') return;
  const { db } = w.server.server.services;
  await db
    .deleteFrom('school_members')
    .where('school_id', '=', w.schoolId)
    .where('user_id', '=', w.people[actor].user.id)
    .execute();
}

/** Links the partnership to the school again after a row unlinked it (both partners agree again). */
async function relink(w: World): Promise<void> {
  const { db } = w.server.server.services;
  const now = new Date().toISOString();
  await db
    .insertInto('school_links')
    .values({
      partnership_id: w.fixture.partnership.id,
      school_id: w.schoolId,
      coach_consented_at: now,
      teacher_consented_at: now,
      linked_at: now,
      created_at: now,
    })
    .onConflict((oc) => oc.column('partnership_id').doNothing())
    .execute();
}

type SchoolRouteKey = Extract<
  ApiRouteKey,
  | `${string} /api/schools${string}`
  | `${string} /api/school-invitations${string}`
  | `${string} /api/cycles/:id/problem`
  | `${string} /api/partnerships/:id/school${string}`
>;

export const SCHOOL_ROWS: Record<SchoolRouteKey | ModelRouteKey, HttpRow> = {
  'GET /api/schools': { request: get('/api/schools'), expect: signedIn(200) },
  ...MODEL_ROWS,
  'POST /api/schools': { request: send('/api/schools', { name: 'Another school' }), expect: signedIn(201) },
  'GET /api/schools/:id': { request: get(schoolPath), expect: schoolStaff(200) },
  'POST /api/schools/:id/invitations': {
    request: send((w) => `${schoolPath(w)}/invitations`, { role: 'member' }),
    expect: leadOnly(201),
  },
  'DELETE /api/schools/:id/invitations/:invitationId': {
    request: async (w) => {
      const lead = w.people.lead.client;
      const res = await lead.post(`${schoolPath(w)}/invitations`, { role: 'member' });
      const { invitation } = res.body as { invitation: { id: string } };
      return { path: `${schoolPath(w)}/invitations/${invitation.id}` };
    },
    expect: leadOnly(200),
  },
  // The member's role, set to what it is: only the lead may.
  'PUT /api/schools/:id/members/:userId': {
    request: send((w) => `${schoolPath(w)}/members/${w.people.member.user.id}`, { role: 'member' }),
    expect: leadOnly(200),
  },
  // Someone who just joined, taken out again: only the lead may remove another person.
  'DELETE /api/schools/:id/members/:userId': {
    request: async (w) => {
      const newcomer = await buildUser(w.server, { name: 'Newcomer to the staff' });
      const token = await w.newSchoolInvitationToken();
      await newcomer.client.post(`/api/school-invitations/${token}/join`);
      return { path: `${schoolPath(w)}/members/${newcomer.user.id}` };
    },
    expect: { ...leadOnly(204) },
  },
  'GET /api/school-invitations/:token': {
    request: async (w) => ({ path: `/api/school-invitations/${await w.newSchoolInvitationToken()}` }),
    expect: signedIn(200),
  },
  // Whoever holds the link joins (staff keep their roles); partners and outsiders are taken out again after.
  'POST /api/school-invitations/:token/join': {
    request: async (w) => ({ path: `/api/school-invitations/${await w.newSchoolInvitationToken()}/join`, body: {} }),
    expect: signedIn(201),
    restore: leaveIfJoined,
  },
  'GET /api/schools/:id/problems': { request: get((w) => `${schoolPath(w)}/problems`), expect: schoolStaff(200) },
  'POST /api/schools/:id/problems': {
    request: send((w) => `${schoolPath(w)}/problems`, { title: 'Quiet students left out of discussion' }),
    expect: leadOnly(201),
  },
  'PATCH /api/schools/:id/problems/:problemId': {
    request: send((w) => `${schoolPath(w)}/problems/${w.problemId}`, { status: 'open' }),
    expect: leadOnly(200),
  },
  'GET /api/cycles/:id/problem': { request: get((w) => `${cyclePath(w)}/problem`), expect: partnersOnly(200) },
  'PUT /api/cycles/:id/problem': {
    request: (w) => ({
      path: `${cyclePath(w)}/problem`,
      body: { problemId: w.problemId, focus: 'Trying the second step' },
    }),
    expect: onlyThe('teacher', 200),
  },
  'GET /api/partnerships/:id/school': {
    request: get((w) => `${partnershipPath(w)}/school`),
    expect: partnersOnly(200),
  },
  // Already linked: agreeing again changes nothing.
  'PUT /api/partnerships/:id/school': {
    request: (w) => ({ path: `${partnershipPath(w)}/school`, body: { schoolId: w.schoolId } }),
    expect: partnersOnly(200),
  },
  'DELETE /api/partnerships/:id/school': {
    request: send((w) => `${partnershipPath(w)}/school`),
    expect: partnersOnly(200),
    restore: relink,
  },
  // Counts only: the lead (every linked partnership) and the school's coach (their own); a member is refused.
  'GET /api/schools/:id/programme': {
    request: get((w) => `${schoolPath(w)}/programme`),
    expect: { ...leadOnly(200), schoolCoach: 200 },
  },
  'GET /api/partnerships/:id/school-view': {
    request: get((w) => `${partnershipPath(w)}/school-view`),
    expect: partnersOnly(200),
  },
};
