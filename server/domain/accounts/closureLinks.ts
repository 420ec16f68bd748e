/**
 * Deleting an account with a link sent to its own address: the way for
 * someone who signs in with a school account (Google, Microsoft) and never
 * set a Tandem password, open to anyone. Holding the link proves as much as a
 * password-reset link does. It works once, for `LIMITS.accountClosureLifetimeMs`,
 * and deletes nothing until the page it opens is confirmed.
 */
import type { Kysely } from 'kysely';
import { LIMITS } from '../../../shared/limits.js';
import { errors } from '../../errors.js';
import type { Database } from '../../storage/schema.js';
import { closeConfirmedAccount, type AccountClosureDeps } from './accountClosure.js';
import type { AccountTokens } from './accountTokens.js';

export class ClosureLinks {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tokens: AccountTokens,
    private readonly closure: AccountClosureDeps,
  ) {}

  /** A new link for the signed-in person, to their own address; earlier ones stop working. */
  async request(userId: string): Promise<{ to: string; name: string; token: string }> {
    const user = await this.db
      .selectFrom('users')
      .select(['name', 'email'])
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) throw errors.unauthenticated();
    const { token } = await this.tokens.issue(userId, 'account_closure', LIMITS.accountClosureLifetimeMs);
    return { to: user.email, name: user.name, token };
  }

  /** Uses the link and closes its account; `link_expired` for an unknown, used or expired link. */
  async confirm(token: string): Promise<{ userId: string; closedPartnershipIds: string[] }> {
    // A closed account has no links left (closing deletes them), so a link that works names an open account.
    const link = await this.db.transaction().execute((trx) => this.tokens.consume(trx, token, 'account_closure'));
    return { userId: link.user_id, ...(await closeConfirmedAccount(this.closure, link.user_id)) };
  }
}
