/**
 * The world the authorization matrix runs in: one partnership in which every
 * kind of thing a partner can see carries a distinctive text or id (the
 * secrets a non-partner must never receive), and the people around it.
 *
 * Built in two steps so the test can open its sockets in between: `buildWorld`
 * makes the people, two meetings and their notes; `plantCoachingFacts` then
 * writes the cycle's measure and focus, a value of the measure, a rehearsal with its reflection and an
 * agreement, each of which is pushed to the partners' sockets as it happens.
 */
import { normaliseStepText, stepHash } from '../../shared/actionStep.js';
import { CreateInviteResponseSchema } from '../../shared/api.js';
import { CoachingResponseSchema } from '../../shared/coaching.js';
import { MeasureChangeResponseSchema } from '../../shared/measure.js';
import { coachingOf, daysFromToday, writeSection } from './coaching.js';
import { buildMeeting, buildPartnership, buildUser, type MeetingFixture, type UserFixture } from './factories.js';
import type { HttpResponse } from './http.js';
import { writeSections } from './privacy.js';
import { agreeToLink, createSchool, invitationToken, joinSchool } from './schools.js';
import type { TestServer } from './testServer.js';

/**
 * The callers. Besides the partners and outsiders: a school's coaching `lead`, a coach of the same school
 * (`schoolCoach`, with a linked partnership of their own) and a `member` of its staff. The partnership
 * under test is linked to that school, so the lead counts it; the lead must still learn nothing of it.
 */
export const ACTORS = [
  'anonymous',
  'stranger',
  'coach',
  'teacher',
  'outsider',
  'lead',
  'schoolCoach',
  'member',
] as const;
export type Actor = (typeof ACTORS)[number];
export type SignedInActor = Exclude<Actor, 'anonymous'>;
export const SIGNED_IN: readonly SignedInActor[] = [
  'stranger',
  'coach',
  'teacher',
  'outsider',
  'lead',
  'schoolCoach',
  'member',
];
/** Callers who must learn nothing about the partnership. */
export const NON_PARTNERS: readonly Actor[] = ['anonymous', 'stranger', 'outsider', 'lead', 'schoolCoach', 'member'];
/** The school's people. */
export const SCHOOL_ACTORS: readonly SignedInActor[] = ['lead', 'schoolCoach', 'member'];

/** Distinctive text planted in every place a partner can read. */
export const PLANTED = {
  coachName: 'Philippa Marchbanks',
  teacherName: 'Oluwaseun Trevithick',
  earlierTitle: 'Heliotrope first look',
  meetingTitle: 'Marigold questioning review',
  goal: 'Zephyr-quiet reflections on wait time',
  actionStep: 'Pause for a slow count of three after every question',
  /** The earlier meeting's step, carried into the meeting under test. */
  earlierStep: 'Try the lolly-stick jar with Quercus class',
  measure: 'Pupils answering after the Vellichor pause',
  focusTag: 'Larkspur wait-time routine',
  practiceWhat: 'Rehearsed the pause with the Bramblewood set',
  practiceFeedback: 'Counted aloud at first; Saxifrage-steady by the end',
  reflection: 'Felt Cinnabar-awkward, then natural',
} as const;

export interface World {
  server: TestServer;
  /** The coach, teacher, their partnership and the meeting under test. */
  fixture: MeetingFixture;
  /** The meeting before it, whose step the meeting under test carries. */
  earlierMeetingId: string;
  people: Record<SignedInActor, UserFixture>;
  /** A meeting in the outsider's own partnership, where they are the teacher. */
  outsiderMeetingId: string;
  /** Set by `plantCoachingFacts`. */
  cycleId: string;
  /** The planted rehearsal. Set by `plantCoachingFacts`. */
  practiceEntryId: string;
  /** The school the partnership is linked to (both partners agreed), and an open problem of it. */
  schoolId: string;
  problemId: string;
  /** A live model of the school, written by its coach. */
  modelId: string;
  /** A new invitation link token to the school, from its lead. */
  newSchoolInvitationToken(role?: 'coach' | 'member'): Promise<string>;
  /** The planted value of the measure. Set by `plantCoachingFacts`. */
  measureValueId: string;
  /** Every secret, growing as rows make new step hashes. */
  secrets: string[];
  /** The ids of the partnership's things, which a caller may put in a path. */
  ids(): string[];
  /** A new invitation link token from someone unconnected to the partnership. */
  newInviteToken(): Promise<string>;
  /** Moves the step's check-back date to a date not used before and returns the step's new hash. */
  freshStepHash(): Promise<string>;
  /** A version of the meeting under test (the notes as first written). */
  versionId(): Promise<string>;
}

function expectOk(res: HttpResponse, status: number, what: string): void {
  if (res.status !== status)
    throw new Error(`${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** The people, two meetings in one partnership, and the notes of both. */
export async function buildWorld(server: TestServer): Promise<World> {
  const coach = await buildUser(server, { name: PLANTED.coachName });
  const teacher = await buildUser(server, { name: PLANTED.teacherName });
  const partners = await buildPartnership(server, { coach, teacher });
  const earlier = await buildMeeting(server, partners, { title: PLANTED.earlierTitle, startedBy: 'teacher' });
  await writeSection(server, teacher, earlier.meeting.id, 'actionStep', PLANTED.earlierStep);
  const fixture = await buildMeeting(server, partners, { title: PLANTED.meetingTitle });
  await writeSections(server, fixture.meeting.id, coach.cookie, { goal: PLANTED.goal, actionStep: PLANTED.actionStep });

  const stranger = await buildUser(server, { name: 'Signed-in Stranger' });
  // Someone with a partnership and a meeting of their own: a real, active user, and the teacher there, so the
  // teacher's own decisions are theirs to make in their own partnership.
  const outsider = await buildUser(server, { name: 'Other Partnership' });
  const theirs = await buildMeeting(server, await buildPartnership(server, { teacher: outsider }), {
    title: 'Their own meeting',
    startedBy: 'teacher',
  });
  const matchmaker = await buildUser(server, { name: 'Unconnected Inviter' });

  // The school: its lead, a coach with a linked partnership of their own, a member of staff, and a problem.
  const lead = await buildUser(server, { name: 'Lead of the School' });
  const schoolCoach = await buildUser(server, { name: 'Coach of the School' });
  const member = await buildUser(server, { name: 'Member of the School' });
  const school = await createSchool(lead, 'Matrix Community School');
  await joinSchool(schoolCoach, await invitationToken(lead, school.id, 'coach'));
  await joinSchool(member, await invitationToken(lead, school.id, 'member'));
  const theirPartnership = await buildPartnership(server, { coach: schoolCoach });
  await agreeToLink(schoolCoach, theirPartnership.partnership.id, school.id);
  await agreeToLink(theirPartnership.teacher, theirPartnership.partnership.id, school.id);
  const problem = await lead.client.post(`/api/schools/${school.id}/problems`, { title: 'Giving up on tricky tasks' });
  expectOk(problem, 201, 'writing a problem');
  const model = await schoolCoach.client.post(`/api/schools/${school.id}/models`, {
    name: 'Wait, then warm call',
    keyMoves: 'Ask the question, wait, then name a pupil',
    problemIds: [(problem.body as { problem: { id: string } }).problem.id],
  });
  expectOk(model, 201, 'writing a model');
  // The planted partnership is linked: its coach joins to propose the school, the teacher agrees, and the coach
  // leaves the staff list again (the link is the partners', not the staff list's), so no name of theirs is listed.
  await joinSchool(coach, await invitationToken(lead, school.id, 'member'));
  await agreeToLink(coach, partners.partnership.id, school.id);
  await agreeToLink(teacher, partners.partnership.id, school.id);
  expectOk(
    await coach.client.request('DELETE', `/api/schools/${school.id}/members/${coach.user.id}`),
    204,
    'the coach leaving the staff list',
  );

  let nextDueInDays = 10;
  const world: World = {
    server,
    fixture,
    earlierMeetingId: earlier.meeting.id,
    people: { coach, teacher, stranger, outsider, lead, schoolCoach, member },
    schoolId: school.id,
    problemId: (problem.body as { problem: { id: string } }).problem.id,
    modelId: (model.body as { model: { id: string } }).model.id,
    newSchoolInvitationToken: (role = 'member') => invitationToken(lead, school.id, role),
    outsiderMeetingId: theirs.meeting.id,
    cycleId: '',
    practiceEntryId: '',
    measureValueId: '',
    secrets: [
      fixture.partnership.id,
      fixture.meeting.id,
      earlier.meeting.id,
      coach.user.id,
      teacher.user.id,
      coach.email,
      teacher.email,
      ...Object.values(PLANTED),
    ],
    ids: () =>
      [
        fixture.partnership.id,
        fixture.meeting.id,
        earlier.meeting.id,
        world.cycleId,
        world.practiceEntryId,
        world.schoolId,
        world.problemId,
        world.modelId,
        world.measureValueId,
      ].filter((id) => id !== ''),
    async newInviteToken() {
      const res = await matchmaker.client.post('/api/invites', { role: 'coach' });
      return CreateInviteResponseSchema.parse(res.body).token;
    },
    async versionId() {
      const { history } = server.server.services;
      // The notes were written when the world was built: recording what is pending leaves at least one version.
      await history.automatic.flush();
      const { versions } = await history.list(coach.user.id, fixture.meeting.id);
      const oldest = versions.at(-1);
      if (!oldest) throw new Error('the meeting under test has no version');
      if (!world.secrets.includes(oldest.id)) world.secrets.push(oldest.id);
      return oldest.id;
    },
    async freshStepHash() {
      const dueOn = daysFromToday(nextDueInDays++);
      const res = await coach.client.request('PUT', `/api/meetings/${fixture.meeting.id}/step-due`, {
        body: { dueOn },
      });
      expectOk(res, 200, 'moving the check-back date');
      const hash = stepHash(normaliseStepText(PLANTED.actionStep), dueOn);
      world.secrets.push(hash);
      return hash;
    },
  };
  return world;
}

/** The cycle's measure and focus, a rehearsal with the teacher's reflection, and the teacher's agreement. */
export async function plantCoachingFacts(world: World): Promise<void> {
  const { coach, teacher, meeting } = world.fixture;
  const { coaching } = await coachingOf(coach, meeting.id);
  world.cycleId = coaching.cycleId;
  world.secrets.push(coaching.cycleId);
  if (coaching.carried?.text !== PLANTED.earlierStep) {
    throw new Error(`the earlier step was not carried forward: ${JSON.stringify(coaching.carried)}`);
  }

  const cycle = await coach.client.request('PATCH', `/api/cycles/${coaching.cycleId}`, {
    body: { measureWhat: PLANTED.measure, baseline: 3, target: 12, focusTag: PLANTED.focusTag },
  });
  expectOk(cycle, 200, 'planting the measure and focus');
  const value = await teacher.client.post(`/api/cycles/${coaching.cycleId}/measure/values`, {
    value: 5,
    measuredOn: daysFromToday(-1),
  });
  expectOk(value, 201, 'planting a value of the measure');
  const planted = MeasureChangeResponseSchema.parse(value.body).values[0];
  if (!planted) throw new Error('the planted value of the measure is missing');
  world.measureValueId = planted.id;
  world.secrets.push(planted.id);

  const practice = await teacher.client.post(`/api/meetings/${meeting.id}/practice`, {
    practisedOn: daysFromToday(0),
    what: PLANTED.practiceWhat,
    feedback: PLANTED.practiceFeedback,
    reflection: PLANTED.reflection,
  });
  expectOk(practice, 201, 'planting a rehearsal');
  const entry = CoachingResponseSchema.parse(practice.body).coaching.practice.find(
    (p) => p.what === PLANTED.practiceWhat,
  );
  if (!entry) throw new Error('the planted rehearsal is missing');
  world.practiceEntryId = entry.id;
  world.secrets.push(entry.id);

  const hash = await world.freshStepHash();
  const agreed = await teacher.client.post(`/api/meetings/${meeting.id}/agreements`, { hash });
  expectOk(agreed, 201, 'planting the teacher’s agreement');
}
