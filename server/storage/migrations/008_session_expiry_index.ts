import type { Kysely, Migration } from 'kysely';

/**
 * Expired sessions are looked for every second (their sockets close within a
 * second of expiry), so the look is an index range, not a scan of every session.
 */
export const sessionExpiryIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('sessions_expires_at').execute();
  },
};
