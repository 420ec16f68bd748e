/**
 * Contracts of signing in with the school's OpenID Connect provider (Google,
 * Microsoft; `OIDC_*` settings). `start` and `callback` are where the browser
 * navigates, not API calls: they answer with redirects, refusals included
 * (to `/signin?oidc_error=<id>`, worded in `shared/oidc.ts`). The link routes
 * finish a sign-in whose email belongs to an existing password account, for the
 * browser that holds the link cookie (or anyone holding the emailed link).
 */
import { z } from 'zod';
import { UserResponseSchema } from '../api.js';
import {
  AccountLinkInfoSchema,
  AuthProvidersSchema,
  LinkEmailSentSchema,
  LinkEmailTokenSchema,
  LinkWithPasswordSchema,
} from '../oidc.js';
import { route } from './define.js';

const noLink = '`link_not_found`: no link request in this browser (or no provider configured).';
const spent = '`link_expired`: the request has expired or has linked already.';

export const OIDC_ROUTES = {
  authProviders: route({
    method: 'GET',
    path: '/api/auth/providers',
    summary: 'How people can sign in besides email and password',
    auth: 'public',
    success: { status: 200, description: 'The configured provider, or null', schema: AuthProvidersSchema },
  }),
  oidcStart: route({
    method: 'GET',
    path: '/api/auth/oidc/start',
    summary: 'Go to the school’s sign-in page (a browser navigation)',
    description:
      'Redirects to the provider with a fresh `state`, `nonce` and PKCE challenge, kept in a signed cookie for ten ' +
      'minutes. `next` is the path to land on once signed in. Without a provider configured, redirects to ' +
      '`/signin?oidc_error=oidc_not_configured`.',
    auth: 'public',
    query: z.object({ next: z.string().max(2000).optional() }),
    success: { status: 302, description: 'To the provider (or back to the sign-in page)', redirect: true },
  }),
  oidcCallback: route({
    method: 'GET',
    path: '/api/auth/oidc/callback',
    summary: 'Where the provider sends the browser back (a browser navigation)',
    description:
      'Checks `state` against this browser’s cookie, redeems the code with the PKCE verifier, checks the ID token and ' +
      'its `nonce`, then: signs in the account tied to this provider identity; or creates an account from the verified ' +
      'email and name; or, when a password account has that email, redirects to `/link-account` to prove it is yours. ' +
      'Refusals redirect to `/signin?oidc_error=<id>`.',
    auth: 'public',
    success: { status: 302, description: 'Home (signed in), the link page, or the sign-in page', redirect: true },
  }),
  accountLink: route({
    method: 'GET',
    path: '/api/auth/oidc/link',
    summary: 'The account this browser’s provider sign-in would be linked to',
    auth: 'public',
    success: { status: 200, description: 'The pending link', schema: AccountLinkInfoSchema },
    errors: { 404: noLink, 410: spent },
  }),
  linkWithPassword: route({
    method: 'POST',
    path: '/api/auth/oidc/link/password',
    summary: 'Link the provider sign-in by giving the account’s password, and sign in',
    auth: 'public',
    body: LinkWithPasswordSchema,
    success: { status: 200, description: 'Linked; sets the session cookie', schema: UserResponseSchema },
    errors: {
      400: 'The password is missing or does not match (`fields.password`).',
      404: noLink,
      410: spent,
      429: '`too_many_attempts`: five wrong passwords spend the request; or too many from this address.',
    },
  }),
  linkByEmail: route({
    method: 'POST',
    path: '/api/auth/oidc/link/email',
    summary: 'Email the account a single-use link that links the provider sign-in',
    auth: 'public',
    success: { status: 200, description: 'Sent', schema: LinkEmailSentSchema },
    errors: { 404: noLink, 410: spent, 429: '`link_email_recent`: one email a minute.' },
  }),
  confirmLink: route({
    method: 'POST',
    path: '/api/auth/oidc/link/confirm',
    summary: 'Link the provider sign-in with the emailed token, and sign in',
    auth: 'public',
    body: LinkEmailTokenSchema,
    success: { status: 200, description: 'Linked; sets the session cookie', schema: UserResponseSchema },
    errors: {
      404: '`link_not_found`: no such link.',
      409: '`identity_taken`: the provider sign-in is linked to another account.',
      410: spent,
    },
  }),
} as const;
