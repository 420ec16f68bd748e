/**
 * Check-back dates: a partnership's current step is the one of its latest
 * meeting that has a check-back date (a newer step replaces an older one). Each
 * partner gets one check-back reminder per partnership, at 08:00 in their own
 * time zone on that date; it follows the date as it changes.
 */
import type { ScheduleDeps } from './scheduleDeps.js';
import { readSettings } from './reminderSettings.js';
import { dropReminder, putReminder } from './reminderStore.js';
import { wallClockToUtc } from './zonedTime.js';

/** The hour of the morning, in the person's zone, a check-back reminder is sent. */
export const CHECK_BACK_HOUR = 8;

export interface CurrentCheckBack {
  meetingId: string;
  /** `YYYY-MM-DD`. */
  dueOn: string;
}

/** The check-back date of the partnership's latest step that has one. */
export async function currentCheckBack(deps: ScheduleDeps, partnershipId: string): Promise<CurrentCheckBack | null> {
  const row = await deps.db
    .selectFrom('meeting_coaching as mc')
    .innerJoin('meetings as m', 'm.id', 'mc.meeting_id')
    .select(['m.id', 'mc.step_due_on'])
    .where('m.partnership_id', '=', partnershipId)
    .where('mc.step_due_on', 'is not', null)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.step_due_on ? { meetingId: row.id, dueOn: row.step_due_on } : null;
}

/** Brings both partners' check-back reminders for a partnership in line with its current step. */
export async function syncCheckBack(deps: ScheduleDeps, partnershipId: string): Promise<void> {
  const partnership = await deps.db
    .selectFrom('partnerships')
    .select(['id', 'coach_id', 'teacher_id'])
    .where('id', '=', partnershipId)
    .executeTakeFirst();
  if (!partnership) return;
  const current = await currentCheckBack(deps, partnershipId);
  const now = deps.now();
  for (const userId of [partnership.coach_id, partnership.teacher_id]) {
    await syncOne(deps, partnershipId, userId, current, now);
  }
}

/** One person's check-back reminders, after they changed their time zone. */
export async function syncCheckBacksOf(deps: ScheduleDeps, userId: string): Promise<void> {
  const partnerships = await deps.db
    .selectFrom('partnerships')
    .select('id')
    .where((eb) => eb.or([eb('coach_id', '=', userId), eb('teacher_id', '=', userId)]))
    .execute();
  const now = deps.now();
  for (const p of partnerships) await syncOne(deps, p.id, userId, await currentCheckBack(deps, p.id), now);
}

async function syncOne(
  deps: ScheduleDeps,
  partnershipId: string,
  userId: string,
  current: CurrentCheckBack | null,
  now: Date,
): Promise<void> {
  const { timeZone } = await readSettings(deps.db, userId);
  const dueAt = current ? wallClockToUtc(current.dueOn, CHECK_BACK_HOUR, timeZone) : null;
  if (!current || !dueAt || dueAt.getTime() <= now.getTime()) {
    await dropReminder(deps.db, 'check_back', partnershipId, userId);
    return;
  }
  await putReminder(deps.db, partnershipId, {
    kind: 'check_back',
    userId,
    partnershipId,
    meetingId: current.meetingId,
    about: current.dueOn,
    dueAt,
  });
}
