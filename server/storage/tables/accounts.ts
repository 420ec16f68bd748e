/**
 * Kysely table types for accounts: people, their sessions, emailed account links,
 * and sign-in through an OpenID Connect provider. Timestamps are ISO-8601 strings
 * (UTC); `../schema.ts` puts the tables together.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  /** Lower-cased. */
  email: string;
  password_hash: string;
  created_at: string;
  /** Set when the person closed their account; the row is then anonymised. */
  deleted_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only in the cookie. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** A link sent by email that acts on an account (see `domain/accounts/accountTokens.ts`). */
export interface AccountTokensTable {
  /** The link's public half, to find the row. */
  selector: string;
  /** SHA-256 (hex) of the link's secret half; compared in constant time. */
  verifier_hash: string;
  user_id: string;
  purpose: 'password_reset' | 'email_change' | 'account_closure';
  /** The address to move to (`email_change` only), lower-cased. */
  new_email: string | null;
  created_at: string;
  expires_at: string;
  /** Set when the link was used (or made void by a later one); it works once. */
  used_at: string | null;
}

/** A person at an OpenID Connect provider (issuer and subject), tied to an account. */
export interface AccountIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
}

/** A provider sign-in waiting for its person to prove they own the password account with the same email. */
export interface AccountLinkRequestsTable {
  /** SHA-256 of the token in the browser's link cookie. */
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  created_at: string;
  expires_at: string;
  /** SHA-256 of the token in the emailed link; replaced by each new email. */
  email_token_hash: string | null;
  email_sent_at: string | null;
  /** Wrong passwords tried against this request. */
  password_failures: Generated<number>;
  /** Set once the identity is linked; a request links once. */
  used_at: string | null;
}
