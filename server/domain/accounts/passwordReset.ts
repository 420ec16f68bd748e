/**
 * A forgotten password: a link to set a new one is sent to the account's
 * address, works once for `LIMITS.passwordResetLifetimeMs`, and setting the
 * new password ends every session of the account (their live sockets close
 * with them). Asking is answered the same way whether or not the address has
 * an account; the transport answers before calling `request`.
 */
import type { Kysely } from 'kysely';
import { LIMITS } from '../../../shared/limits.js';
import type { Database } from '../../storage/schema.js';
import type { Accounts } from './accounts.js';
import type { AccountTokens } from './accountTokens.js';
import { hashPassword } from './passwords.js';

/** What the reset email needs; null when no (open) account has the address. */
export interface ResetLink {
  to: string;
  name: string;
  token: string;
}

export class PasswordResets {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tokens: AccountTokens,
    private readonly accounts: Accounts,
  ) {}

  /** A link for the account with `email`, or null when there is none. Earlier links stop working. */
  async request(email: string): Promise<ResetLink | null> {
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) return null;
    const { token } = await this.tokens.issue(user.id, 'password_reset', LIMITS.passwordResetLifetimeMs);
    return { to: user.email, name: user.name, token };
  }

  /** Sets the new password with a link (`link_expired` otherwise) and signs the person out everywhere. */
  async reset(token: string, password: string): Promise<{ userId: string }> {
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction().execute(async (trx) => {
      const row = await this.tokens.consume(trx, token, 'password_reset');
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', row.user_id).execute();
      await this.tokens.voidAll(trx, row.user_id, 'password_reset');
      return row.user_id;
    });
    await this.accounts.endSessionsOf(userId);
    return { userId };
  }
}
