/**
 * Helpers for the school tests: a school with its lead, people joining by
 * invitation link, partnerships linked with both partners' agreement, and a
 * meeting whose step both partners agree to.
 */
import { normaliseStepText, stepHash } from '../../shared/actionStep.js';
import {
  CreateSchoolInvitationResponseSchema,
  PartnershipSchoolResponseSchema,
  SchoolResponseSchema,
  type School,
} from '../../shared/schools.js';
import { daysFromToday, writeSection } from './coaching.js';
import { buildMeeting, buildPartnership, buildUser, type PartnershipFixture, type UserFixture } from './factories.js';
import type { HttpResponse } from './http.js';
import type { TestServer } from './testServer.js';

export function expectStatus(res: HttpResponse, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function createSchool(lead: UserFixture, name: string): Promise<School> {
  const res = await lead.client.post('/api/schools', { name });
  expectStatus(res, 201, 'creating a school');
  return SchoolResponseSchema.parse(res.body).school;
}

export async function invitationToken(lead: UserFixture, schoolId: string, role: 'coach' | 'member'): Promise<string> {
  const res = await lead.client.post(`/api/schools/${schoolId}/invitations`, { role });
  expectStatus(res, 201, 'making an invitation link');
  return CreateSchoolInvitationResponseSchema.parse(res.body).token;
}

export async function joinSchool(person: UserFixture, token: string): Promise<School> {
  const res = await person.client.post(`/api/school-invitations/${token}/join`);
  expectStatus(res, 201, 'joining a school');
  return SchoolResponseSchema.parse(res.body).school;
}

/** One partner agrees to count the partnership in the school's figures. */
export async function agreeToLink(person: UserFixture, partnershipId: string, schoolId: string) {
  const res = await person.client.request('PUT', `/api/partnerships/${partnershipId}/school`, { body: { schoolId } });
  expectStatus(res, 200, 'agreeing to link');
  return PartnershipSchoolResponseSchema.parse(res.body);
}

/** A partnership whose coach belongs to the school, linked with both partners' agreement, with one meeting. */
export async function linkedPartnershipWithMeeting(
  server: TestServer,
  schoolId: string,
  coach: UserFixture,
  teacherName: string,
): Promise<PartnershipFixture & { meetingId: string }> {
  const teacher = await buildUser(server, { name: teacherName });
  const partners = await buildPartnership(server, { coach, teacher });
  await agreeToLink(coach, partners.partnership.id, schoolId);
  await agreeToLink(teacher, partners.partnership.id, schoolId);
  const { meeting } = await buildMeeting(server, partners);
  return { ...partners, meetingId: meeting.id };
}

/** Writes the step, dates it, and both partners agree to it as it stands. */
export async function agreeStep(
  server: TestServer,
  partners: PartnershipFixture,
  meetingId: string,
  step: string,
): Promise<void> {
  await writeSection(server, partners.teacher, meetingId, 'actionStep', step);
  const dueOn = daysFromToday(7);
  const due = await partners.coach.client.request('PUT', `/api/meetings/${meetingId}/step-due`, { body: { dueOn } });
  expectStatus(due, 200, 'dating the step');
  const hash = stepHash(normaliseStepText(step), dueOn);
  for (const person of [partners.coach, partners.teacher]) {
    expectStatus(await person.client.post(`/api/meetings/${meetingId}/agreements`, { hash }), 201, 'agreeing');
  }
}
