/** Which reminder emails each person gets; both are on until they switch one off. */
import type { Kysely } from 'kysely';
import { DEFAULT_TIME_ZONE, type ReminderSettings, type ReminderSettingsRequest } from '../../../shared/schedule.js';
import type { Database } from '../../storage/schema.js';

export const DEFAULT_SETTINGS: ReminderSettings = {
  meetingDayBefore: true,
  checkBack: true,
  timeZone: DEFAULT_TIME_ZONE,
};

export async function readSettings(db: Kysely<Database>, userId: string): Promise<ReminderSettings> {
  const row = await db.selectFrom('reminder_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row
    ? { meetingDayBefore: row.meeting_day_before === 1, checkBack: row.check_back === 1, timeZone: row.time_zone }
    : DEFAULT_SETTINGS;
}

export async function writeSettings(
  db: Kysely<Database>,
  userId: string,
  request: ReminderSettingsRequest,
  now: Date,
): Promise<ReminderSettings> {
  const current = await readSettings(db, userId);
  const values = {
    meeting_day_before: request.meetingDayBefore ? 1 : 0,
    check_back: request.checkBack ? 1 : 0,
    time_zone: request.timeZone ?? current.timeZone,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('reminder_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  return readSettings(db, userId);
}
