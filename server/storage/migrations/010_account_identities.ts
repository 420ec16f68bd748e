import type { Kysely, Migration } from 'kysely';

/**
 * Signing in with an OpenID Connect provider. `account_identities` ties a
 * provider's person (issuer and subject, never the email, which can change
 * hands) to an account. `account_link_requests` holds a sign-in whose verified
 * email belongs to an existing password account, until the person proves they
 * own that account (its password, or a single-use link emailed to it); only
 * hashes of the tokens that name a request are stored.
 */
export const accountIdentities: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('account_identities')
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_identities_pk', ['issuer', 'subject'])
      .execute();
    await db.schema.createIndex('account_identities_user').on('account_identities').column('user_id').execute();
    await db.schema
      .createTable('account_link_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('email_token_hash', 'text', (c) => c.unique())
      .addColumn('email_sent_at', 'text')
      .addColumn('password_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('used_at', 'text')
      .execute();
    await db.schema
      .createIndex('account_link_requests_expires_at')
      .on('account_link_requests')
      .column('expires_at')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('account_link_requests').execute();
    await db.schema.dropTable('account_identities').execute();
  },
};
