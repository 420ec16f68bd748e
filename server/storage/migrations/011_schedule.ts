import type { Kysely, Migration } from 'kysely';

/**
 * Meeting again: each partnership's next meeting (a UTC instant), each person's
 * calendar link (the token's hash only) and reminder settings, and reminders
 * as due rows (one per person and thing, claimed before sending so that two
 * ticks or two processes never send one twice).
 */
export const schedule: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('next_meetings')
      .addColumn('partnership_id', 'text', (c) => c.primaryKey().references('partnerships.id'))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('set_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('calendar_links')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('reminder_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('meeting_day_before', 'integer', (c) => c.notNull())
      .addColumn('check_back', 'integer', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('reminders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // kind:subject:user, e.g. `meeting_day_before:<partnershipId>:<userId>`: one due reminder per thing.
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
      .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
      // What the reminder is about: the meeting's instant, or the check-back date.
      .addColumn('about', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'text')
      .addColumn('sent_at', 'text')
      // 'sent', or why nothing was sent ('switched_off', 'gone').
      .addColumn('outcome', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('reminders_due').on('reminders').columns(['sent_at', 'due_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['reminders', 'reminder_settings', 'calendar_links', 'next_meetings']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
