import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../db.js';

/** Users, sessions, invitations, partnerships, meetings and the update log. */
export function initial(dialect: Dialect): Migration {
  const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('partnerships')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('coach_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('partnerships_coach').on('partnerships').column('coach_id').execute();
      await db.schema.createIndex('partnerships_teacher').on('partnerships').column('teacher_id').execute();
      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('inviter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('inviter_role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
        .addColumn('partnership_id', 'text', (c) => c.references('partnerships.id'))
        .execute();
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('action_step_preview', 'text')
        .execute();
      await db.schema
        .createIndex('meetings_partnership_created')
        .on('meetings')
        .columns(['partnership_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('doc_updates')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('doc_updates_meeting').on('doc_updates').columns(['meeting_id', 'id']).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['doc_updates', 'meetings', 'invites', 'partnerships', 'sessions', 'users']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
