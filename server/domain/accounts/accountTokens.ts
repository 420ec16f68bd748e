/**
 * Links sent by email that act on an account (a new password, a new email
 * address). A link carries a selector and a verifier, both random, one after
 * the other (no dot, so the page's address has no file extension): the row is
 * found by the selector and the link proven by the SHA-256 of the verifier,
 * compared in constant time, so the database never holds a usable link and a
 * lookup's timing says nothing about the secret. A link works once, until it
 * expires; a newer link of the same kind, or using one, voids the others.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { errors } from '../../errors.js';
import type { AccountTokenRow, AccountTokensTable, Database } from '../../storage/schema.js';

export type TokenPurpose = AccountTokensTable['purpose'];

const hashOf = (verifier: string) => createHash('sha256').update(verifier).digest();
/** 16 random bytes in base64url. */
const SELECTOR_LENGTH = 22;

/** The one refusal for an unknown, used or expired link: which of them it was is nobody's business. */
export const linkExpired = () =>
  errors.gone('link_expired', 'This link has expired or has already been used. Please ask for a new one.');

export class AccountTokens {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** A new link for `userId`, valid for `lifetimeMs`; earlier unused links of the same purpose stop working. */
  async issue(userId: string, purpose: TokenPurpose, lifetimeMs: number, newEmail: string | null = null) {
    const selector = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await this.voidAll(trx, userId, purpose, now);
      await trx
        .insertInto('account_tokens')
        .values({
          selector,
          verifier_hash: hashOf(verifier).toString('hex'),
          user_id: userId,
          purpose,
          new_email: newEmail,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
          used_at: null,
        })
        .execute();
    });
    return { token: selector + verifier };
  }

  /**
   * Uses a link inside `trx`: resolves with its row, now marked used, or throws `link_expired` when it is
   * unknown, of another purpose, used, or expired. Two uses at once: the guarded update lets one through.
   */
  async consume(trx: Transaction<Database>, token: string, purpose: TokenPurpose): Promise<AccountTokenRow> {
    const selector = token.slice(0, SELECTOR_LENGTH);
    const given = hashOf(token.slice(SELECTOR_LENGTH));
    const row = await trx.selectFrom('account_tokens').selectAll().where('selector', '=', selector).executeTakeFirst();
    const stored = Buffer.from(row?.verifier_hash ?? '', 'hex');
    // Compared even when no row was found (against itself), so both paths do the same work.
    const proven = timingSafeEqual(given, stored.length === given.length ? stored : given) && row !== undefined;
    const now = this.now().toISOString();
    if (!row || !proven || row.purpose !== purpose || row.used_at !== null || row.expires_at <= now) {
      throw linkExpired();
    }
    const claimed = await trx
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('selector', '=', selector)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw linkExpired();
    return { ...row, used_at: now };
  }

  /** Voids every unused link of `purpose` for `userId` (all purposes when null). */
  async voidAll(trx: Kysely<Database>, userId: string, purpose: TokenPurpose | null, now = this.now()) {
    let update = trx
      .updateTable('account_tokens')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null);
    if (purpose) update = update.where('purpose', '=', purpose);
    await update.execute();
  }
}
