/**
 * The next meeting of a partnership: either partner schedules, moves or clears
 * it; both are told (`nextMeetingChanged`), and each partner's "day before"
 * reminder follows it (moved with it, dropped with it).
 */
import type { NextMeeting } from '../../../shared/schedule.js';
import { errors } from '../../errors.js';
import { partnershipAccess, type PartnershipAccess } from '../access.js';
import { dropReminder, putReminder } from './reminderStore.js';
import type { ScheduleDeps } from './scheduleDeps.js';

/** How long before the meeting its reminder is sent. */
export const DAY_BEFORE_MS = 24 * 60 * 60_000;
/** How far ahead a meeting may be scheduled. */
const MAX_AHEAD_MS = 400 * 24 * 60 * 60_000;

async function access(deps: ScheduleDeps, userId: string, partnershipId: string): Promise<PartnershipAccess> {
  const found = await partnershipAccess(deps.db, userId, partnershipId);
  if (!found) throw errors.notFound('That partnership');
  return found;
}

/** A meeting stays "next" until this long after it began; then the page asks for the one after. */
export const SHOWN_AFTER_START_MS = 2 * 60 * 60_000;

/**
 * The partnership's next meeting, whoever asks (callers check access first); null once it is more than
 * `SHOWN_AFTER_START_MS` past, unless `includePast` (a calendar keeps the meeting that happened).
 */
export async function readNextMeeting(
  deps: Pick<ScheduleDeps, 'db' | 'now'>,
  partnershipId: string,
  { includePast = false } = {},
): Promise<NextMeeting | null> {
  const row = await deps.db
    .selectFrom('next_meetings as n')
    .innerJoin('users as u', 'u.id', 'n.set_by')
    .select(['n.partnership_id', 'n.starts_at', 'n.set_at', 'u.id as set_by_id', 'u.name as set_by_name'])
    .where('n.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  const over = row && Date.parse(row.starts_at) + SHOWN_AFTER_START_MS <= deps.now().getTime();
  return row && (includePast || !over)
    ? {
        partnershipId: row.partnership_id,
        startsAt: row.starts_at,
        setAt: row.set_at,
        setBy: { id: row.set_by_id, name: row.set_by_name },
      }
    : null;
}

export async function getNextMeeting(deps: ScheduleDeps, userId: string, partnershipId: string) {
  await access(deps, userId, partnershipId);
  return readNextMeeting(deps, partnershipId);
}

export async function setNextMeeting(
  deps: ScheduleDeps,
  userId: string,
  partnershipId: string,
  startsAtText: string,
): Promise<NextMeeting> {
  const { partnership } = await access(deps, userId, partnershipId);
  if (partnership.closed_at) {
    throw errors.conflict(
      'partnership_closed',
      'Your partner has closed their Tandem account, so no meeting can be set.',
    );
  }
  const now = deps.now();
  const startsAt = new Date(startsAtText);
  if (startsAt.getTime() <= now.getTime()) {
    throw errors.validation({ startsAt: 'Choose a time that has not passed yet' }, 'That time has already passed.');
  }
  if (startsAt.getTime() - now.getTime() > MAX_AHEAD_MS) {
    throw errors.validation({ startsAt: 'Choose a time within the next year' }, 'That is too far ahead.');
  }
  const values = { starts_at: startsAt.toISOString(), set_by: userId, set_at: now.toISOString() };
  await deps.db
    .insertInto('next_meetings')
    .values({ partnership_id: partnershipId, ...values })
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet(values))
    .execute();
  await remindBoth(deps, partnership, startsAt, now);
  const next = await readNextMeeting(deps, partnershipId);
  if (!next) throw errors.notFound('That partnership');
  deps.events.emit('nextMeetingChanged', { partnershipId, nextMeeting: next });
  return next;
}

export async function clearNextMeeting(deps: ScheduleDeps, userId: string, partnershipId: string): Promise<void> {
  const { partnership } = await access(deps, userId, partnershipId);
  await deps.db.deleteFrom('next_meetings').where('partnership_id', '=', partnershipId).execute();
  for (const person of [partnership.coach_id, partnership.teacher_id]) {
    await dropReminder(deps.db, 'meeting_day_before', partnershipId, person);
  }
  deps.events.emit('nextMeetingChanged', { partnershipId, nextMeeting: null });
}

/**
 * Each partner's reminder, due a day before. A meeting less than a day away gets none (it was just
 * arranged); moving it replaces the reminder, so only the new time is ever reminded of.
 */
async function remindBoth(
  deps: ScheduleDeps,
  partnership: PartnershipAccess['partnership'],
  startsAt: Date,
  now: Date,
): Promise<void> {
  const dueAt = new Date(startsAt.getTime() - DAY_BEFORE_MS);
  for (const userId of [partnership.coach_id, partnership.teacher_id]) {
    if (dueAt.getTime() <= now.getTime()) {
      await dropReminder(deps.db, 'meeting_day_before', partnership.id, userId);
    } else {
      await putReminder(deps.db, partnership.id, {
        kind: 'meeting_day_before',
        userId,
        partnershipId: partnership.id,
        meetingId: null,
        about: startsAt.toISOString(),
        dueAt,
      });
    }
  }
}
