/**
 * Reminders as due rows. One row per person and thing (`key`), so a reminder
 * survives restarts and is replaced, not doubled, when the thing moves. A tick
 * claims a row with one conditional update before sending: of two ticks (or two
 * processes on PostgreSQL) only one sees its update change a row.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReminderKind } from '../../../shared/schedule.js';
import type { Database, RemindersTable } from '../../storage/schema.js';
import type { Selectable } from 'kysely';

export type ReminderRow = Selectable<RemindersTable>;

/** A claim older than this is taken to belong to a process that died mid-send; the row is tried again. */
export const STALE_CLAIM_MS = 10 * 60_000;
/** After this many failed sends a reminder is given up on (`failed`). */
export const MAX_ATTEMPTS = 5;

export interface DueReminder {
  kind: ReminderKind;
  userId: string;
  partnershipId: string;
  meetingId: string | null;
  /** The meeting's instant, or the check-back date. */
  about: string;
  dueAt: Date;
}

export function reminderKey(kind: ReminderKind, subjectId: string, userId: string): string {
  return `${kind}:${subjectId}:${userId}`;
}

/**
 * Adds the reminder, or moves an existing one when what it is about changed (a rescheduled meeting, a new
 * check-back date): it is then due again, even if the old one was sent. Unchanged, it is left alone.
 */
export async function putReminder(db: Kysely<Database>, subjectId: string, r: DueReminder): Promise<void> {
  await db
    .insertInto('reminders')
    .values({
      id: randomUUID(),
      key: reminderKey(r.kind, subjectId, r.userId),
      kind: r.kind,
      user_id: r.userId,
      partnership_id: r.partnershipId,
      meeting_id: r.meetingId,
      about: r.about,
      due_at: r.dueAt.toISOString(),
    })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          about: eb.ref('excluded.about'),
          due_at: eb.ref('excluded.due_at'),
          meeting_id: eb.ref('excluded.meeting_id'),
          claimed_at: null,
          sent_at: null,
          outcome: null,
          attempts: 0,
        }))
        .where((eb) =>
          eb.or([
            eb('reminders.about', '<>', eb.ref('excluded.about')),
            eb('reminders.due_at', '<>', eb.ref('excluded.due_at')),
          ]),
        ),
    )
    .execute();
}

/** Drops a reminder not sent yet (the thing was cleared or is too close to remind about). */
export async function dropReminder(db: Kysely<Database>, kind: ReminderKind, subjectId: string, userId: string) {
  await db
    .deleteFrom('reminders')
    .where('key', '=', reminderKey(kind, subjectId, userId))
    .where('sent_at', 'is', null)
    .execute();
}

/** Rows due at `now`, not handled, and not claimed by a live tick. */
export async function dueReminders(db: Kysely<Database>, now: Date, limit = 50): Promise<ReminderRow[]> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  return db
    .selectFrom('reminders')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('due_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/**
 * Claims one row for this tick: true only for the one caller whose update changed it. The row must still be
 * as it was read (same `due_at`), so a reminder moved meanwhile is left for the next tick.
 */
export async function claimReminder(db: Kysely<Database>, row: ReminderRow, now: Date): Promise<string | null> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  const claim = now.toISOString();
  const result = await db
    .updateTable('reminders')
    .set((eb) => ({ claimed_at: claim, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', row.id)
    .where('due_at', '=', row.due_at)
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? claim : null;
}

/** Marks a claimed row handled: sent, or why not. */
export async function settleReminder(
  db: Kysely<Database>,
  row: ReminderRow,
  claim: string,
  outcome: string,
  now: Date,
) {
  await db
    .updateTable('reminders')
    .set({ sent_at: now.toISOString(), outcome })
    .where('id', '=', row.id)
    .where('claimed_at', '=', claim)
    .execute();
}

/** A send failed: let a later tick try again, or give up after `MAX_ATTEMPTS`. */
export async function releaseReminder(db: Kysely<Database>, row: ReminderRow, claim: string, now: Date) {
  if (row.attempts + 1 >= MAX_ATTEMPTS) {
    await settleReminder(db, row, claim, 'failed', now);
    return;
  }
  await db
    .updateTable('reminders')
    .set({ claimed_at: null })
    .where('id', '=', row.id)
    .where('claimed_at', '=', claim)
    .execute();
}
