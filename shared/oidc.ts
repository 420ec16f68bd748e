/**
 * Signing in with a school's OpenID Connect provider: what the sign-in pages
 * are told, and the words for each way a provider sign-in can be refused. The
 * browser comes back from the provider to the server, which sends it on to
 * `/signin?oidc_error=<id>` (or the link page); the page shows these words.
 */
import { z } from 'zod';

export const AuthProvidersSchema = z.object({
  /** The school's provider, when one is configured. */
  oidc: z.object({ displayName: z.string() }).nullable(),
});
export type AuthProviders = z.infer<typeof AuthProvidersSchema>;

export const OIDC_ERRORS = {
  oidc_not_configured: 'Signing in with a school account is not set up on this Tandem.',
  oidc_unavailable: 'The sign-in service could not be reached. Please try again in a moment.',
  oidc_expired: 'That sign-in took too long, or was started in another browser. Please try again.',
  oidc_bad_state: 'That sign-in answer did not belong to this browser, so it was refused. Please try again.',
  oidc_bad_nonce: 'That sign-in answer was not the one this browser asked for, so it was refused. Please try again.',
  oidc_cancelled: 'Signing in was cancelled.',
  oidc_failed: 'The sign-in could not be completed. Please try again.',
  oidc_no_email: 'Your school account did not share an email address, so Tandem cannot tell who you are.',
  oidc_email_unverified:
    'Your school account’s email address is not verified, so Tandem cannot use it. Verify it with your ' +
    'school or sign in with your email and password.',
  oidc_domain_not_allowed:
    'This Tandem only accepts school accounts from its own school’s email domains. Sign in with the account ' +
    'your school gave you.',
  oidc_account_closed: 'The Tandem account linked to that school account has been closed.',
} as const;
export type OidcErrorId = keyof typeof OIDC_ERRORS;

export const isOidcErrorId = (id: string | null): id is OidcErrorId => id !== null && id in OIDC_ERRORS;

/** What the link page shows of the account a provider sign-in would be linked to. */
export const AccountLinkInfoSchema = z.object({
  link: z.object({
    email: z.string(),
    /** The provider's button words, so the page can say which sign-in is being linked. */
    providerName: z.string(),
    expiresAt: z.string(),
  }),
});
export type AccountLinkInfo = z.infer<typeof AccountLinkInfoSchema>;

export const LinkWithPasswordSchema = z.object({ password: z.string().min(1, 'Enter your password').max(1000) });
export const LinkEmailTokenSchema = z.object({ token: z.string().min(1).max(200) });

export const LinkEmailSentSchema = z.object({ sentTo: z.string() });

/** A path on this site to land on after signing in (`/`, `/invite/abc`), never another site. */
export const NextPathSchema = z
  .string()
  .max(2000)
  .refine((p) => p.startsWith('/') && !p.startsWith('//') && !p.startsWith('/\\'), 'must be a path on this site');
