/**
 * The rules of a school, as pure functions: who may do what by role, how a
 * link to a school moves from proposed to linked as each partner agrees, and
 * the half-term the programme's figures cover.
 */
import type { Role } from '../../../shared/api.js';
import type { SchoolRole } from '../../../shared/schools.js';
import { errors } from '../../errors.js';
import type { SchoolLinksTable } from '../../storage/schema.js';

export const schoolErrors = {
  notFound: () => errors.notFound('That school'),
  leadOnly: () => errors.forbidden('Only the school’s coaching lead may do this.'),
  programmeHidden: () => errors.forbidden('Only the coaching lead and the school’s coaches see the programme.'),
  lastLead: () => errors.conflict('last_lead', 'The school needs a coaching lead. Make someone else the lead first.'),
  invitationNotFound: () => errors.notFound('That invitation'),
  otherSchool: () =>
    errors.conflict(
      'other_school',
      'This partnership is already linked to, or asked to join, another school. Unlink it first.',
    ),
  notAMember: () => errors.notFound('That school'),
  problemUnavailable: () =>
    errors.conflict(
      'problem_unavailable',
      'That problem is not one of the open problems of the school this partnership is linked to.',
    ),
  partnershipClosed: () =>
    errors.conflict('partnership_closed', 'This partnership is closed, so it cannot join a school.'),
};

export function assertLead(role: SchoolRole): void {
  if (role !== 'lead') throw schoolErrors.leadOnly();
}

/** The lead sees every linked partnership; a coach their own; a member nothing. */
export function programmeScope(role: SchoolRole): 'school' | 'own' {
  if (role === 'lead') return 'school';
  if (role === 'coach') return 'own';
  throw schoolErrors.programmeHidden();
}

/** May `actorId` (with `actorRole`) take `targetId` out of the school? Yourself always; others only as lead. */
export function assertMayRemove(actorRole: SchoolRole, actorId: string, targetId: string): void {
  if (actorId !== targetId) assertLead(actorRole);
}

/** A change that would leave the school with no lead is refused. */
export function assertKeepsALead(leads: number, targetIsLead: boolean, targetStaysLead: boolean): void {
  if (targetIsLead && !targetStaysLead && leads <= 1) throw schoolErrors.lastLead();
}

/** A member as the rule of succession sees them. */
export interface Standing {
  userId: string;
  role: SchoolRole;
  joinedAt: string;
}

/**
 * Who leads once the school's last lead closes their account, given everyone who stays: nobody new when
 * another lead stays; else the longest-standing coach, else the longest-standing member (earliest
 * `joinedAt`, then the smaller id); `null` when nobody stays, and the school goes with its last member.
 */
export function successorOf(staying: readonly Standing[]): { promote: string } | { keep: true } | null {
  if (staying.some((m) => m.role === 'lead')) return { keep: true };
  const rank = (m: Standing) => (m.role === 'coach' ? 0 : 1);
  const [first] = [...staying].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.joinedAt.localeCompare(b.joinedAt) ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  return first ? { promote: first.userId } : null;
}

export type LinkConsent = Pick<SchoolLinksTable, 'coach_consented_at' | 'teacher_consented_at' | 'linked_at'>;

/** A partner agrees: their consent is stamped, and the link is made when the other partner has agreed too. */
export function consentChanges(link: LinkConsent | null, role: Role, now: Date): LinkConsent {
  const at = now.toISOString();
  const coach = link?.coach_consented_at ?? (role === 'coach' ? at : null);
  const teacher = link?.teacher_consented_at ?? (role === 'teacher' ? at : null);
  return {
    coach_consented_at: coach,
    teacher_consented_at: teacher,
    linked_at: link?.linked_at ?? (coach !== null && teacher !== null ? at : null),
  };
}

export interface Period {
  name: string;
  /** Inclusive, ISO instant. */
  from: string;
  /** Exclusive, ISO instant. */
  to: string;
}

/**
 * The half-term `date` falls in, on the usual English school calendar (UTC):
 * autumn from 1 September and 1 November, spring from 1 January and 22
 * February, summer from 15 April and 1 June (the summer holiday counts with
 * the last). A school's own dates can replace these later.
 */
export function halfTermOf(date: Date): Period {
  const y = date.getUTCFullYear();
  const at = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
  const starts: { name: string; start: Date }[] = [
    { name: `Autumn 1, ${y - 1}`, start: at(y - 1, 9, 1) },
    { name: `Autumn 2, ${y - 1}`, start: at(y - 1, 11, 1) },
    { name: `Spring 1, ${y}`, start: at(y, 1, 1) },
    { name: `Spring 2, ${y}`, start: at(y, 2, 22) },
    { name: `Summer 1, ${y}`, start: at(y, 4, 15) },
    { name: `Summer 2, ${y}`, start: at(y, 6, 1) },
    { name: `Autumn 1, ${y}`, start: at(y, 9, 1) },
    { name: `Autumn 2, ${y}`, start: at(y, 11, 1) },
    { name: `Spring 1, ${y + 1}`, start: at(y + 1, 1, 1) },
  ];
  for (let i = starts.length - 2; i >= 0; i--) {
    const here = starts[i];
    const next = starts[i + 1];
    if (here && next && date >= here.start) {
      return { name: here.name, from: here.start.toISOString(), to: next.start.toISOString() };
    }
  }
  throw new Error('unreachable: every date falls after 1 September of the year before');
}

/** Fortnights of the period gone by at `now` (at least one, so a first week is not divided by nearly nothing). */
export function fortnightsElapsed(period: Period, now: Date): number {
  const end = Math.min(now.getTime(), Date.parse(period.to));
  const days = (end - Date.parse(period.from)) / 86_400_000;
  return Math.max(1, days / 14);
}
