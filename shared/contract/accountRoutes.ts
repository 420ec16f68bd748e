/** Contracts of the routes about the server itself, accounts and invitations. */
import { z } from 'zod';
import {
  CreateInviteRequestSchema,
  CreateInviteResponseSchema,
  DeleteAccountRequestSchema,
  HealthResponseSchema,
  InviteInfoSchema,
  LoginRequestSchema,
  PartnershipResponseSchema,
  SignupRequestSchema,
  UserResponseSchema,
} from '../api.js';
import { route } from './define.js';

const TokenParams = z.object({ token: z.string().min(1).max(200) });
const tooMany = 'Too many attempts; `Retry-After` says when to try again.';

export const ACCOUNT_ROUTES = {
  health: route({
    method: 'GET',
    path: '/api/health',
    summary: 'The server is up and can reach its database',
    auth: 'public',
    success: { status: 200, description: 'Ready', schema: HealthResponseSchema },
    errors: { 503: '`unavailable`: the database does not answer.' },
  }),
  openApi: route({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This document',
    auth: 'public',
    success: { status: 200, description: 'OpenAPI 3 document', schema: z.record(z.string(), z.unknown()) },
  }),
  signUp: route({
    method: 'POST',
    path: '/api/auth/signup',
    summary: 'Create an account and sign in',
    auth: 'public',
    body: SignupRequestSchema,
    success: { status: 201, description: 'Signed up; sets the session cookie', schema: UserResponseSchema },
    errors: {
      400: 'Invalid input; `fields` names each problem.',
      409: 'An account with that email already exists.',
      429: tooMany,
    },
  }),
  signIn: route({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in',
    auth: 'public',
    body: LoginRequestSchema,
    success: { status: 200, description: 'Signed in; sets the session cookie', schema: UserResponseSchema },
    errors: {
      400: 'Invalid input (an empty password, say); `fields` names each problem. No password is checked.',
      429: tooMany,
    },
  }),
  signOut: route({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Sign out (always succeeds, also when already signed out)',
    auth: 'public',
    success: { status: 204, description: 'Signed out; clears the session cookie' },
  }),
  me: route({
    method: 'GET',
    path: '/api/me',
    summary: 'The signed-in user',
    auth: 'session',
    success: { status: 200, description: 'The user', schema: UserResponseSchema },
  }),
  exportAll: route({
    method: 'GET',
    path: '/api/me/export',
    summary: 'Download everything you can see, as a zip archive',
    description:
      'The archive holds `tandem-export.json` (your account, sessions, invitations, and every partnership you ' +
      'are in with each meeting, its sections and its facts) and one Markdown file per meeting. ' +
      'Sent as an attachment named `tandem-export-YYYY-MM-DD.zip`.',
    auth: 'session',
    success: { status: 200, description: 'The archive', contentType: 'application/zip' },
  }),
  closeAccount: route({
    method: 'DELETE',
    path: '/api/me',
    summary: 'Close your account',
    description:
      'Confirmed with your password. Your name, email and password are removed and you are signed out ' +
      'everywhere. Each of your partnerships is closed: your partner keeps the notes you wrote together, ' +
      'where you are shown as "Former partner", and no new meetings can be started in it.',
    auth: 'session',
    body: DeleteAccountRequestSchema,
    success: { status: 204, description: 'Closed; clears the session cookie' },
    errors: {
      400: 'The password is missing or does not match (`fields.password`).',
      429: 'Too many wrong passwords for this account, or from this address.',
    },
  }),
  createInvite: route({
    method: 'POST',
    path: '/api/invites',
    summary: 'Invite someone to a partnership, naming your own role in it',
    description:
      'With `email`, the link is also emailed to that address (who invites, as what, until when); the answer ' +
      'comes before the email is sent.',
    auth: 'session',
    body: CreateInviteRequestSchema,
    success: { status: 201, description: 'The link to send', schema: CreateInviteResponseSchema },
    errors: {
      400: 'Invalid input; `fields` names each problem.',
      429:
        '`too_many_invites`: you have `LIMITS.openInvitesPerPerson` invitations open (not accepted, not expired); ' +
        '`too_many_invitation_emails`: with an address, more than `LIMITS.invitationEmailsPerPersonPerDay` emailed by you ' +
        'or `LIMITS.invitationEmailsPerAddressPerDay` to that address in 24 hours.',
    },
  }),
  invite: route({
    method: 'GET',
    path: '/api/invites/:token',
    summary: 'Who made an invitation, and as what',
    auth: 'public',
    params: TokenParams,
    success: { status: 200, description: 'The invitation', schema: InviteInfoSchema },
    errors: { 404: 'No such invitation.', 410: 'Already used, or expired.' },
  }),
  acceptInvite: route({
    method: 'POST',
    path: '/api/invites/:token/accept',
    summary: 'Accept an invitation, taking the other role',
    auth: 'session',
    params: TokenParams,
    success: { status: 201, description: 'The partnership', schema: PartnershipResponseSchema },
    errors: { 404: 'No such invitation.', 409: 'Your own invitation.', 410: 'Already used, or expired.' },
  }),
} as const;
