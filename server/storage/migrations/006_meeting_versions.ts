import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

/**
 * A meeting's history: versions of its document (the whole Yjs state at that
 * moment, so compacting the live log never loses one) and of its coaching
 * facts (JSON), automatic or named.
 */
export function meetingVersions(dialect: Dialect): Migration {
  const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meeting_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('state', blob, (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('meeting_versions_meeting')
        .on('meeting_versions')
        .columns(['meeting_id', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('meeting_versions').execute();
    },
  };
}
