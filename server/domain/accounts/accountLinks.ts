/**
 * Link requests: a provider sign-in whose verified email belongs to an
 * existing password account waits here until the person proves they own that
 * account, by its password (once, on the link page) or by a single-use link
 * emailed to the account's address. Then the provider identity is tied to the
 * account and the person is signed in. Requests live `LINK_LIFETIME_MS` and link
 * once; the database keeps only hashes of the tokens naming them (the browser's
 * link cookie, the emailed link).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, errors } from '../../errors.js';
import type { Mailer } from '../../mail/mailer.js';
import { accountLinkMail } from '../../mail/templates/accountLink.js';
import type { Database } from '../../storage/schema.js';
import type { Accounts, SessionGrant } from './accounts.js';
import { verifyPassword } from './passwords.js';

export const LINK_LIFETIME_MS = 30 * 60 * 1000;
/** Wrong passwords a request takes before it is spent. */
export const LINK_PASSWORD_TRIES = 5;
/** A new email for one request at most this often. */
export const LINK_EMAIL_INTERVAL_MS = 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

const notFound = () => new AppError('link_not_found', 404, 'That link request could not be found. Sign in again.');
const expired = () =>
  new AppError('link_expired', 410, 'That link has expired or has been used already. Sign in again to get a new one.');

export interface AccountLinksDeps {
  db: Kysely<Database>;
  accounts: Accounts;
  mailer: Mailer;
  /** The provider's button words (named in the email and on the page). */
  providerName: string;
  now?: () => Date;
}

export class AccountLinks {
  private readonly now: () => Date;

  constructor(private readonly deps: AccountLinksDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** A new request to tie (issuer, subject) to `userId`; resolves with the token naming it. */
  async create(userId: string, issuer: string, subject: string): Promise<string> {
    const token = newToken();
    const now = this.now();
    await this.deps.db
      .insertInto('account_link_requests')
      .values({
        id: hash(token),
        user_id: userId,
        issuer,
        subject,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
        email_token_hash: null,
        email_sent_at: null,
        used_at: null,
      })
      .execute();
    // Requests long past are of no use to anyone.
    await this.deps.db
      .deleteFrom('account_link_requests')
      .where('expires_at', '<', new Date(now.getTime() - LINK_LIFETIME_MS).toISOString())
      .execute();
    return token;
  }

  /** The live request a link cookie's token names, with its account's email. */
  async describe(token: string | undefined): Promise<{ email: string; providerName: string; expiresAt: string }> {
    const request = await this.live(token);
    return { email: request.email, providerName: this.deps.providerName, expiresAt: request.expires_at };
  }

  /** Links with the account's password; a wrong one is a `validation_failed` naming the field. */
  async linkWithPassword(token: string | undefined, password: string): Promise<SessionGrant> {
    const request = await this.live(token);
    if (request.password_failures >= LINK_PASSWORD_TRIES) throw tooMany();
    if (!(await verifyPassword(password, request.password_hash))) {
      await this.deps.db
        .updateTable('account_link_requests')
        .set((eb) => ({ password_failures: eb('password_failures', '+', 1) }))
        .where('id', '=', request.id)
        .execute();
      if (request.password_failures + 1 >= LINK_PASSWORD_TRIES) throw tooMany();
      throw errors.validation({ password: 'That is not the password of this account' }, 'The password did not match.');
    }
    return this.complete(request.id);
  }

  /**
   * Emails a single-use link to the account's address (`linkBase` + token), replacing any earlier one.
   * Resolves with the address it went to.
   */
  async sendEmail(token: string | undefined, linkBase: string): Promise<string> {
    const request = await this.live(token);
    const now = this.now();
    if (request.email_sent_at && now.getTime() - Date.parse(request.email_sent_at) < LINK_EMAIL_INTERVAL_MS) {
      throw new AppError(
        'link_email_recent',
        429,
        'We have just sent that email. Please wait a minute before asking again.',
      );
    }
    const emailToken = newToken();
    await this.deps.db
      .updateTable('account_link_requests')
      .set({ email_token_hash: hash(emailToken), email_sent_at: now.toISOString() })
      .where('id', '=', request.id)
      .execute();
    await this.deps.mailer.send(
      accountLinkMail({
        to: request.email,
        name: request.name,
        providerName: this.deps.providerName,
        link: `${linkBase}${emailToken}`,
        minutes: Math.round((Date.parse(request.expires_at) - now.getTime()) / 60_000),
      }),
    );
    return request.email;
  }

  /** Links through the emailed link's token (whichever browser opens it: the email is the proof). */
  async confirmEmail(emailToken: string): Promise<SessionGrant> {
    const row = await this.deps.db
      .selectFrom('account_link_requests')
      .select(['id', 'expires_at', 'used_at'])
      .where('email_token_hash', '=', hash(emailToken))
      .executeTakeFirst();
    if (!row) throw notFound();
    if (row.used_at !== null || row.expires_at <= this.now().toISOString()) throw expired();
    return this.complete(row.id);
  }

  private async live(token: string | undefined) {
    if (!token) throw notFound();
    const request = await this.deps.db
      .selectFrom('account_link_requests')
      .innerJoin('users', 'users.id', 'account_link_requests.user_id')
      .select([
        'account_link_requests.id',
        'account_link_requests.expires_at',
        'account_link_requests.used_at',
        'account_link_requests.email_sent_at',
        'account_link_requests.password_failures',
        'users.email',
        'users.name',
        'users.password_hash',
        'users.deleted_at',
      ])
      .where('account_link_requests.id', '=', hash(token))
      .executeTakeFirst();
    if (!request || request.deleted_at !== null) throw notFound();
    if (request.used_at !== null || request.expires_at <= this.now().toISOString()) throw expired();
    return request;
  }

  /** Ties the identity to the account once (two completions at once: one wins) and signs the account in. */
  private async complete(requestId: string): Promise<SessionGrant> {
    const now = this.now().toISOString();
    const user = await this.deps.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable('account_link_requests')
        .set({ used_at: now })
        .where('id', '=', requestId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) throw expired();
      const request = await trx
        .selectFrom('account_link_requests')
        .innerJoin('users', 'users.id', 'account_link_requests.user_id')
        .select([
          'users.id',
          'users.name',
          'users.email',
          'account_link_requests.issuer',
          'account_link_requests.subject',
        ])
        .where('account_link_requests.id', '=', requestId)
        .executeTakeFirstOrThrow();
      const taken = await trx
        .selectFrom('account_identities')
        .select('user_id')
        .where('issuer', '=', request.issuer)
        .where('subject', '=', request.subject)
        .executeTakeFirst();
      if (taken && taken.user_id !== request.id) {
        throw errors.conflict('identity_taken', 'That school sign-in is linked to another Tandem account already.');
      }
      if (!taken) {
        await trx
          .insertInto('account_identities')
          .values({ issuer: request.issuer, subject: request.subject, user_id: request.id, created_at: now })
          .execute();
      }
      return request;
    });
    return this.deps.accounts.startSession(user);
  }
}

const tooMany = () =>
  new AppError('too_many_attempts', 429, 'Too many wrong passwords. Sign in with your school account again to retry.');
