import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Impact Cycles and the coaching facts kept beside each meeting's document:
 * cycles, each meeting's cycle and carried step, agreements to the action
 * step, the PEERS check and the practice log.
 */
export function coachingCycle(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cycles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('goal_status', 'text', (c) => c.notNull())
        .addColumn('goal_set_at', 'text')
        .addColumn('goal_set_by', 'text', (c) => c.references('users.id'))
        .addColumn('measure_what', 'text')
        .addColumn('measure_baseline', 'double precision')
        .addColumn('measure_target', 'double precision')
        .addColumn('measure_latest', 'double precision')
        .addColumn('measure_latest_on', 'text')
        .addColumn('focus_tag', 'text')
        .addColumn('ecf_area', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('started_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text', (c) => c.references('users.id'))
        .execute();
      await db.schema
        .createIndex('cycles_partnership')
        .on('cycles')
        .columns(['partnership_id', 'started_at'])
        .execute();
      // At most one active cycle per partnership, even when two meetings start at once.
      await sql`create unique index cycles_one_active on cycles (partnership_id) where status = 'active'`.execute(db);

      await db.schema
        .createTable('meeting_coaching')
        .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
        .addColumn('cycle_id', 'text', (c) => c.notNull().references('cycles.id'))
        .addColumn('approach', 'text')
        .addColumn('approach_by', 'text', (c) => c.references('users.id'))
        .addColumn('approach_at', 'text')
        .addColumn('carried_from', 'text', (c) => c.references('meetings.id'))
        .addColumn('carried_text', 'text')
        .addColumn('carried_due_on', 'text')
        .addColumn('carried_agreed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('review_outcome', 'text')
        .addColumn('review_by', 'text', (c) => c.references('users.id'))
        .addColumn('review_at', 'text')
        .addColumn('step_due_on', 'text')
        .execute();
      await db.schema.createIndex('meeting_coaching_cycle').on('meeting_coaching').column('cycle_id').execute();

      await db.schema
        .createTable('step_agreements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('agreed_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('step_agreements_once', ['meeting_id', 'user_id', 'hash'])
        .execute();

      await db.schema
        .createTable('peers_checks')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('criterion', 'text', (c) => c.notNull())
        .addColumn('checked', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('peers_checks_pk', ['meeting_id', 'criterion'])
        .execute();

      await db.schema
        .createTable('practice_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cycle_id', 'text', (c) => c.notNull().references('cycles.id'))
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('practised_on', 'text', (c) => c.notNull())
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('feedback', 'text', (c) => c.notNull())
        .addColumn('reflection', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('practice_entries_cycle')
        .on('practice_entries')
        .columns(['cycle_id', 'added_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['practice_entries', 'peers_checks', 'step_agreements', 'meeting_coaching', 'cycles']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
