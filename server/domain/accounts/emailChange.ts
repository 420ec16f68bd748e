/**
 * Changing the email address a person signs in with. Confirmed with their
 * password; a link goes to the new address and nothing changes until it is
 * followed (once, within `LIMITS.emailChangeLifetimeMs`). Then the old address
 * is told, so a change nobody asked for does not go unnoticed.
 */
import type { Kysely } from 'kysely';
import { LIMITS } from '../../../shared/limits.js';
import { AppError, errors } from '../../errors.js';
import type { Database } from '../../storage/schema.js';
import type { AccountTokens } from './accountTokens.js';
import { openAccount, wrongCurrentPassword } from './accountSettings.js';
import { verifyPassword } from './passwords.js';

const emailTaken = () => errors.conflict('email_taken', 'Another account already uses that email address.');

/** The link to send to the new address. */
export interface EmailChangeLink {
  to: string;
  name: string;
  token: string;
}

/** The change made: tell `oldEmail`. */
export interface EmailChanged {
  userId: string;
  name: string;
  oldEmail: string;
  newEmail: string;
}

export class EmailChanges {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tokens: AccountTokens,
  ) {}

  async request(userId: string, password: string, newEmail: string): Promise<EmailChangeLink> {
    const row = await openAccount(this.db, userId);
    if (!(await verifyPassword(password, row.password_hash))) throw wrongCurrentPassword('password');
    if (row.email === newEmail) {
      throw errors.validation({ email: 'That is already your email address' });
    }
    if (await this.taken(newEmail)) throw emailTaken();
    const { token } = await this.tokens.issue(userId, 'email_change', LIMITS.emailChangeLifetimeMs, newEmail);
    return { to: newEmail, name: row.name, token };
  }

  async confirm(token: string): Promise<EmailChanged> {
    let wanted: { userId: string; email: string } | null = null;
    try {
      return await this.changeWith(token, (userId, email) => (wanted = { userId, email }));
    } catch (err) {
      // Someone signed up with the address between the check and the change: the unique index decided, and
      // the link (its use rolled back with the rest) still works once the address is free again.
      const raced = wanted as { userId: string; email: string } | null;
      if (raced && !(err instanceof AppError) && (await this.takenByOther(raced.email, raced.userId))) {
        throw emailTaken();
      }
      throw err;
    }
  }

  private changeWith(token: string, changing: (userId: string, email: string) => void): Promise<EmailChanged> {
    return this.db.transaction().execute(async (trx) => {
      const link = await this.tokens.consume(trx, token, 'email_change');
      const user = await trx
        .selectFrom('users')
        .select(['name', 'email'])
        .where('id', '=', link.user_id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      const newEmail = link.new_email;
      if (!user || !newEmail) throw errors.gone('link_expired', 'This link no longer works.');
      const other = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', newEmail)
        .where('id', '!=', link.user_id)
        .executeTakeFirst();
      if (other) throw emailTaken();
      changing(link.user_id, newEmail);
      await trx.updateTable('users').set({ email: newEmail }).where('id', '=', link.user_id).execute();
      return { userId: link.user_id, name: user.name, oldEmail: user.email, newEmail };
    });
  }

  private async takenByOther(email: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .where('id', '!=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async taken(email: string): Promise<boolean> {
    return (await this.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
  }
}
