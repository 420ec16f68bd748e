import type { Kysely, Migration } from 'kysely';

/**
 * Which authenticated user owns each Yjs client id in a meeting. The server
 * records this as updates arrive, so authorship is attested by the server
 * rather than claimed by a client.
 */
export const docClients: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('doc_clients')
      .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
      .addColumn('client_id', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('doc_clients_pk', ['meeting_id', 'client_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('doc_clients').execute();
  },
};
