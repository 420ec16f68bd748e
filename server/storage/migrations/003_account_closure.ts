import type { Kysely, Migration } from 'kysely';

/**
 * Closing an account: the person's row is kept (partnerships, meetings and the
 * update log point at it) but anonymised and marked `deleted_at`; each of their
 * partnerships is marked `closed_at`, read-only for new meetings.
 */
export function accountClosure(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('deleted_at', 'text').execute();
      await db.schema.alterTable('partnerships').addColumn('closed_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('partnerships').dropColumn('closed_at').execute();
      await db.schema.alterTable('users').dropColumn('deleted_at').execute();
    },
  };
}
