/** Words and dates as people read them (British English). */
import type { Partnership, Role } from '../../shared/api.js';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${dateFormat.format(date)} at ${timeFormat.format(date)}`;
}

export function roleName(role: Role): string {
  return role === 'coach' ? 'Coach' : 'Teacher';
}

/** The other person in a partnership, from the caller's side. */
export function partnerOf(partnership: Partnership) {
  return partnership.myRole === 'coach' ? partnership.teacher : partnership.coach;
}

/** "You coach Jamie" / "Sam coaches you". */
export function relationshipLine(partnership: Partnership): string {
  return partnership.myRole === 'coach'
    ? `You coach ${partnership.teacher.name}`
    : `${partnership.coach.name} coaches you`;
}
