/**
 * What a provider's sign-in does to Tandem's accounts. The provider's person
 * is known by issuer and subject (`account_identities`); their email is used
 * only when the provider vouches for it (`email_verified`) and, with
 * `OIDC_ALLOWED_DOMAINS`, only from those domains.
 *
 * - A known identity signs its account in.
 * - An email no account has creates an account (no password) and signs it in.
 * - An email a password account already has is not enough to sign in as it
 *   (the provider vouching for an address is not the account holder agreeing):
 *   a link request is made, and the person proves they own the account with
 *   its password or an emailed link (`accountLinks.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { OIDC_ERRORS, type OidcErrorId } from '../../../shared/oidc.js';
import { AppError } from '../../errors.js';
import type { Database, UserRow } from '../../storage/schema.js';
import type { Accounts, SessionGrant } from './accounts.js';
import type { AccountLinks } from './accountLinks.js';

/** Who the provider says signed in. */
export interface ProviderPerson {
  issuer: string;
  subject: string;
  /** Lower-cased. */
  email: string | null;
  /** The provider vouches that the person controls `email`. */
  emailVerified: boolean;
  name: string | null;
}

export type OidcOutcome =
  | { kind: 'signedIn'; grant: SessionGrant; created: boolean }
  /** `linkToken` names the link request (kept in the browser's link cookie). */
  | { kind: 'linkNeeded'; linkToken: string };

/** A refused provider sign-in, worded from `shared/oidc.ts`. */
export const oidcRefused = (id: OidcErrorId, status = 400) => new AppError(id, status, OIDC_ERRORS[id]);

/** A password no one knows, so `verifyPassword` refuses every password against it (not `scrypt$…`). */
const NO_PASSWORD = 'none:oidc';

export interface OidcSignInDeps {
  db: Kysely<Database>;
  accounts: Accounts;
  links: AccountLinks;
  /** `OIDC_ALLOWED_DOMAINS`; empty: any. */
  allowedDomains: string[];
  now?: () => Date;
}

export class OidcSignIn {
  private readonly now: () => Date;

  constructor(private readonly deps: OidcSignInDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Refuses what may not sign in at all; otherwise signs in, creates and signs in, or asks for a link. */
  async signIn(person: ProviderPerson): Promise<OidcOutcome> {
    const email = this.acceptedEmail(person);
    const { db, accounts } = this.deps;
    const known = await db
      .selectFrom('account_identities')
      .innerJoin('users', 'users.id', 'account_identities.user_id')
      .select(['users.id', 'users.name', 'users.email', 'users.deleted_at'])
      .where('account_identities.issuer', '=', person.issuer)
      .where('account_identities.subject', '=', person.subject)
      .executeTakeFirst();
    if (known) {
      if (known.deleted_at !== null) throw oidcRefused('oidc_account_closed', 403);
      return { kind: 'signedIn', grant: await accounts.startSession(known), created: false };
    }
    const existing = await this.userByEmail(email);
    if (existing) return this.linkNeeded(existing, person);
    const created = await this.create(person, email);
    if (created) return { kind: 'signedIn', grant: await accounts.startSession(created), created: true };
    // Someone signed up with this email in the meantime: theirs is a password account like any other.
    const raced = await this.userByEmail(email);
    if (!raced) throw new Error('an account with this email neither exists nor could be created');
    return this.linkNeeded(raced, person);
  }

  /** The person's email, when the provider vouches for it and it is in an allowed domain. */
  private acceptedEmail(person: ProviderPerson): string {
    if (!person.email) throw oidcRefused('oidc_no_email');
    if (!person.emailVerified) throw oidcRefused('oidc_email_unverified');
    const domain = person.email.slice(person.email.lastIndexOf('@') + 1);
    const { allowedDomains } = this.deps;
    if (allowedDomains.length > 0 && !allowedDomains.includes(domain)) {
      throw oidcRefused('oidc_domain_not_allowed', 403);
    }
    return person.email;
  }

  private userByEmail(email: string): Promise<Pick<UserRow, 'id' | 'name' | 'email'> | undefined> {
    return this.deps.db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  private async linkNeeded(user: Pick<UserRow, 'id'>, person: ProviderPerson): Promise<OidcOutcome> {
    const linkToken = await this.deps.links.create(user.id, person.issuer, person.subject);
    return { kind: 'linkNeeded', linkToken };
  }

  /** A new account and its identity, in one transaction; undefined when the email was taken meanwhile. */
  private async create(person: ProviderPerson, email: string): Promise<UserRow | undefined> {
    const now = this.now().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      name: nameFor(person, email),
      email,
      password_hash: NO_PASSWORD,
      created_at: now,
      deleted_at: null,
    };
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(row).execute();
        await trx
          .insertInto('account_identities')
          .values({ issuer: person.issuer, subject: person.subject, user_id: row.id, created_at: now })
          .execute();
      });
      return row;
    } catch (err) {
      if (await this.userByEmail(email)) return undefined;
      throw err;
    }
  }
}

/** The provider's name for the person, else the part of the email before the @; at most 100 characters. */
function nameFor(person: ProviderPerson, email: string): string {
  const name = person.name?.trim() || email.slice(0, email.indexOf('@'));
  return name.slice(0, 100);
}
