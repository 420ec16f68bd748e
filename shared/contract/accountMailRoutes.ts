/**
 * Contracts of the account routes that send email or change how a person signs in: a forgotten
 * password, and changing your name, password and email address.
 */
import {
  AccountClosureLinkResponseSchema,
  ConfirmAccountClosureRequestSchema,
  ChangeEmailRequestSchema,
  ChangeEmailResponseSchema,
  ChangeNameRequestSchema,
  ChangePasswordRequestSchema,
  ConfirmEmailRequestSchema,
  ConfirmEmailResponseSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
} from '../accountMail.js';
import { UserResponseSchema } from '../api.js';
import { route } from './define.js';

const tooMany = 'Too many attempts; `Retry-After` says when to try again.';
const linkGone = '`link_expired`: the link is unknown, already used, or older than it may be.';

export const ACCOUNT_MAIL_ROUTES = {
  requestPasswordReset: route({
    method: 'POST',
    path: '/api/auth/password-reset',
    summary: 'Email a link to set a new password',
    description:
      'The answer is the same whether or not an account has the address: the account is looked up and the ' +
      'email sent after answering. The link works once, for 30 minutes.',
    auth: 'public',
    body: PasswordResetRequestSchema,
    success: { status: 204, description: 'If an account has the address, an email is on its way' },
    errors: {
      400: 'Not an email address (`fields.email`).',
      429: `${tooMany} Counted per address and per IP address.`,
      503: '`mail_unavailable`: the server has no `PUBLIC_URL` for the link.',
    },
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/auth/password-reset/confirm',
    summary: 'Set a new password with an emailed link',
    description: 'Every session of the account ends, with its live sockets; the person then signs in.',
    auth: 'public',
    body: PasswordResetConfirmSchema,
    success: { status: 204, description: 'Password changed; signed out everywhere' },
    errors: { 400: 'Invalid input; `fields` names each problem.', 410: linkGone, 429: tooMany },
  }),
  changeName: route({
    method: 'PUT',
    path: '/api/me/name',
    summary: 'Change the name your partners see',
    auth: 'session',
    body: ChangeNameRequestSchema,
    success: { status: 200, description: 'The account, renamed', schema: UserResponseSchema },
    errors: { 400: 'Invalid input (`fields.name`).' },
  }),
  changePassword: route({
    method: 'PUT',
    path: '/api/me/password',
    summary: 'Change your password',
    description:
      'Confirmed with the current password. Every other session ends, with its live sockets; this one stays.',
    auth: 'session',
    body: ChangePasswordRequestSchema,
    success: { status: 204, description: 'Changed; signed out everywhere else' },
    errors: {
      400: 'Invalid input, or the current password does not match (`fields.currentPassword`).',
      429: 'Too many wrong passwords for this account, or from this address.',
    },
  }),
  requestEmailChange: route({
    method: 'POST',
    path: '/api/me/email',
    summary: 'Change your email address (confirmed by a link sent to the new one)',
    description:
      'Confirmed with your password. Nothing changes until the link, valid for 24 hours and once, is followed; ' +
      'the old address is then told.',
    auth: 'session',
    body: ChangeEmailRequestSchema,
    success: { status: 200, description: 'The link is on its way', schema: ChangeEmailResponseSchema },
    errors: {
      400: 'Invalid input, the same address, or the password does not match; `fields` names each problem.',
      409: '`email_taken`: another account has that address.',
      429: 'Too many wrong passwords for this account, or from this address.',
      503: '`mail_unavailable`: the server has no `PUBLIC_URL` for the link.',
    },
  }),
  confirmEmailChange: route({
    method: 'POST',
    path: '/api/auth/email-change/confirm',
    summary: 'Confirm a new email address with the emailed link',
    description: 'Open to whoever holds the link (it may be opened in another browser).',
    auth: 'public',
    body: ConfirmEmailRequestSchema,
    success: { status: 200, description: 'The address now in use', schema: ConfirmEmailResponseSchema },
    errors: {
      400: 'Invalid input.',
      409: '`email_taken`: another account took the address meanwhile.',
      410: linkGone,
      429: tooMany,
    },
  }),
  requestAccountClosureLink: route({
    method: 'POST',
    path: '/api/me/close-by-email',
    summary: 'Email yourself a link that deletes your account',
    description:
      'For an account that signs in with a school account and has no Tandem password (anyone may use it). ' +
      'The link goes to the account’s own address, works once for 30 minutes, and deletes nothing until it ' +
      'is followed and confirmed.',
    auth: 'session',
    success: { status: 200, description: 'The link is on its way', schema: AccountClosureLinkResponseSchema },
    errors: { 429: tooMany, 503: '`mail_unavailable`: the server has no `PUBLIC_URL` for the link.' },
  }),
  confirmAccountClosure: route({
    method: 'POST',
    path: '/api/auth/account-closure/confirm',
    summary: 'Delete your account with the emailed link',
    description:
      'Open to whoever holds the link (it may be opened in another browser). Closes the account exactly as ' +
      '`DELETE /api/me` does, and clears this browser’s session cookie.',
    auth: 'public',
    body: ConfirmAccountClosureRequestSchema,
    success: { status: 204, description: 'Closed; clears the session cookie' },
    errors: { 400: 'Invalid input.', 410: linkGone, 429: tooMany },
  }),
} as const;
