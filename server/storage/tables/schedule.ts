/**
 * Kysely table types for the schedule: when partnerships next meet, calendar links,
 * and reminder emails. Timestamps are ISO-8601 strings (UTC); `../schema.ts` puts
 * the tables together.
 */
import type { Generated } from 'kysely';

/** When a partnership next means to meet; no row when nothing is scheduled. */
export interface NextMeetingsTable {
  partnership_id: string;
  /** ISO-8601 instant (UTC). */
  starts_at: string;
  set_by: string;
  set_at: string;
}

/** A person's private calendar link: only the SHA-256 of its token is kept. */
export interface CalendarLinksTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

/** Which reminder emails a person gets (defaults apply without a row). */
export interface ReminderSettingsTable {
  user_id: string;
  /** 0 or 1. */
  meeting_day_before: number;
  /** 0 or 1. */
  check_back: number;
  time_zone: string;
  updated_at: string;
}

/** A reminder email due at `due_at`: claimed (`claimed_at`) by one tick, then `sent_at` once handled. */
export interface RemindersTable {
  id: string;
  /** `kind:subject:user`, unique: one due reminder per person and thing. */
  key: string;
  /** A `ReminderKind` (shared/schedule.ts). */
  kind: string;
  user_id: string;
  partnership_id: string;
  /** The meeting whose step is checked back on (check-back reminders). */
  meeting_id: string | null;
  /** The meeting's instant, or the check-back date (`YYYY-MM-DD`). */
  about: string;
  due_at: string;
  claimed_at: string | null;
  sent_at: string | null;
  /** `sent`, `switched_off` or `gone` once handled. */
  outcome: string | null;
  attempts: Generated<number>;
}
