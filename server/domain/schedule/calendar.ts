/**
 * Calendars: a person's private feed (their partnerships' next meetings and
 * current check-back dates) behind an unguessable link, and one meeting as a
 * file. Only who, what kind of thing, when, and a link; never the notes, the
 * goal or the step. The link's token is kept only as its SHA-256, so a stolen
 * database gives no working link; "a new link" replaces the row, so the old
 * one stops working at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import ical, { type ICalCalendar } from 'ical-generator';
import type { CalendarLink, CalendarLinkStatus, NextMeeting } from '../../../shared/schedule.js';
import { errors } from '../../errors.js';
import { partnershipAccess } from '../access.js';
import { currentCheckBack } from './checkBacks.js';
import { readNextMeeting } from './nextMeetings.js';
import { partnershipLink, type ScheduleDeps } from './scheduleDeps.js';

/** How long a meeting is shown in a calendar (partners meet for twenty to forty minutes). */
const MEETING_MINUTES = 45;

/** Seconds since this instant number the versions of a meeting's calendar entry. */
const SEQUENCE_EPOCH = Date.UTC(2026, 0, 1);

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function calendarLinkStatus(deps: ScheduleDeps, userId: string): Promise<CalendarLinkStatus> {
  const row = await deps.db
    .selectFrom('calendar_links')
    .select('created_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { createdAt: row?.created_at ?? null };
}

/** A new link; any earlier one stops working. The token is returned this once and never stored. */
export async function newCalendarLink(deps: ScheduleDeps, userId: string, baseUrl: string): Promise<CalendarLink> {
  const token = randomBytes(32).toString('base64url');
  const values = { token_hash: hashToken(token), created_at: deps.now().toISOString() };
  await deps.db
    .insertInto('calendar_links')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  return { url: `${baseUrl}/api/calendar/${token}/tandem.ics`, createdAt: values.created_at };
}

export async function deleteCalendarLink(deps: ScheduleDeps, userId: string): Promise<void> {
  await deps.db.deleteFrom('calendar_links').where('user_id', '=', userId).execute();
}

function newCalendar(name: string): ICalCalendar {
  return ical({ name, prodId: { company: 'Tandem', product: 'Tandem', language: 'EN' }, ttl: 60 * 60 });
}

function addMeeting(calendar: ICalCalendar, next: NextMeeting, partnerName: string, link: string): void {
  const start = new Date(next.startsAt);
  calendar.createEvent({
    id: `next-meeting-${next.partnershipId}@tandem`,
    start,
    end: new Date(start.getTime() + MEETING_MINUTES * 60_000),
    stamp: new Date(next.setAt),
    // Later changes win in calendars that imported an earlier file of the same meeting (same UID).
    sequence: Math.max(0, Math.floor((Date.parse(next.setAt) - SEQUENCE_EPOCH) / 1000)),
    summary: `Coaching meeting with ${partnerName}`,
    description: `Your notes are in Tandem: ${link}`,
    url: link,
  });
}

interface PartnershipNames {
  id: string;
  partnerName: string;
}

/** The partnerships of a person with the other partner's name; closed ones are left out. */
async function openPartnerships(deps: ScheduleDeps, userId: string): Promise<PartnershipNames[]> {
  const rows = await deps.db
    .selectFrom('partnerships as p')
    .innerJoin('users as c', 'c.id', 'p.coach_id')
    .innerJoin('users as t', 't.id', 'p.teacher_id')
    .select(['p.id', 'p.coach_id', 'c.name as coach_name', 't.name as teacher_name'])
    .where((eb) => eb.or([eb('p.coach_id', '=', userId), eb('p.teacher_id', '=', userId)]))
    .where('p.closed_at', 'is', null)
    .orderBy('p.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, partnerName: r.coach_id === userId ? r.teacher_name : r.coach_name }));
}

/** The feed behind a calendar link; `not_found` for a link that never was, was replaced or turned off. */
export async function calendarFeed(deps: ScheduleDeps, token: string, baseUrl: string): Promise<string> {
  const link = await deps.db
    .selectFrom('calendar_links as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.user_id', 'u.deleted_at'])
    .where('l.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!link || link.deleted_at) throw errors.notFound('That calendar');
  const calendar = newCalendar('Tandem coaching');
  for (const p of await openPartnerships(deps, link.user_id)) {
    const url = partnershipLink(baseUrl, p.id);
    const next = await readNextMeeting(deps, p.id, { includePast: true });
    if (next) addMeeting(calendar, next, p.partnerName, url);
    const checkBack = await currentCheckBack(deps, p.id);
    if (checkBack) {
      calendar.createEvent({
        id: `check-back-${p.id}-${checkBack.meetingId}@tandem`,
        start: new Date(`${checkBack.dueOn}T00:00:00Z`),
        allDay: true,
        summary: `Check back on your action step with ${p.partnerName}`,
        description: `Open Tandem: ${url}`,
        url,
      });
    }
  }
  return calendar.toString();
}

/** One partnership's next meeting as a file, for either partner. */
export async function nextMeetingFile(
  deps: ScheduleDeps,
  userId: string,
  partnershipId: string,
  baseUrl: string,
): Promise<{ fileName: string; body: string }> {
  const access = await partnershipAccess(deps.db, userId, partnershipId);
  const next = access ? await readNextMeeting(deps, partnershipId, { includePast: true }) : null;
  if (!access || !next) throw errors.notFound('That meeting');
  const partnerId = access.role === 'coach' ? access.partnership.teacher_id : access.partnership.coach_id;
  const partner = await deps.db.selectFrom('users').select('name').where('id', '=', partnerId).executeTakeFirst();
  const calendar = newCalendar('Tandem coaching');
  addMeeting(calendar, next, partner?.name ?? 'your partner', partnershipLink(baseUrl, partnershipId));
  return { fileName: `coaching-meeting-${next.startsAt.slice(0, 10)}.ics`, body: calendar.toString() };
}
