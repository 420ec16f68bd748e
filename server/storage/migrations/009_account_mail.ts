import type { Kysely, Migration } from 'kysely';

/**
 * Links sent by email that act on an account: setting a new password, and
 * confirming a new email address. Each is found by its selector and proven by
 * the SHA-256 of its verifier (the link itself is never stored), works once
 * (`used_at`) and expires.
 */
export const accountMail: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('account_tokens')
      .addColumn('selector', 'text', (c) => c.primaryKey())
      .addColumn('verifier_hash', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('new_email', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('account_tokens').execute();
  },
};
