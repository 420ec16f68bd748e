/**
 * Rate limits on signing up, signing in, asking for a password-reset email,
 * using an emailed link, and the account changes that ask for the password
 * again (closing the account, a new password or email address), against
 * password guessing, sign-up spam and mail floods. Per IP
 * address (generous: a whole school may share one) and per account (strict:
 * protects one account wherever the guesses come from). Failed password checks
 * from sign-in and account closing count together per IP address. Counts live
 * in memory, per process; with several processes (`REDIS_URL`) in Redis, shared
 * by them all (memory again while Redis does not answer:
 * `server/cluster/sharedRateLimits.ts`).
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Options, type Store } from 'express-rate-limit';
import { DeleteAccountRequestSchema, LoginRequestSchema } from '../../shared/api.js';
import { LIMITS } from '../../shared/limits.js';
import { LinkWithPasswordSchema } from '../../shared/oidc.js';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import type { Logger } from '../logger.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RateLimitSettings {
  windowMs: number;
  /** Sign-ups per IP address per window. */
  signupPerIp: number;
  /** Failed password checks (sign-ins and account closings) per IP address per window. */
  loginPerIp: number;
  /** Sign-in attempts per IP address per window, whatever their outcome; `LIMITS.signInAttemptsPerIp` when left out. */
  signInPerIp?: number;
  /** Failed sign-ins per email address per window; also failed account closings per account. */
  loginPerEmail: number;
  /** Password-reset emails asked for per IP address per window; `LIMITS.passwordResetsPerIp` when left out. */
  resetPerIp?: number;
  /** Password-reset emails asked for per email address per window; `LIMITS.passwordResetsPerAddress` when left out. */
  resetPerEmail?: number;
}

/**
 * Limits for this environment, from `LIMITS` (where they are documented). Under
 * test every client shares 127.0.0.1, so the per-IP limits are raised there;
 * the per-email limit stays as in production.
 */
export function defaultRateLimits(env: Config['env']): RateLimitSettings {
  const perIpScale = env === 'test' ? 50 : 1;
  return {
    windowMs: LIMITS.authRateWindowMs,
    signupPerIp: LIMITS.signupsPerIp * perIpScale,
    loginPerIp: LIMITS.loginFailuresPerIp * perIpScale,
    signInPerIp: LIMITS.signInAttemptsPerIp * perIpScale,
    loginPerEmail: LIMITS.loginFailuresPerAccount,
    resetPerIp: LIMITS.passwordResetsPerIp * perIpScale,
    resetPerEmail: LIMITS.passwordResetsPerAddress,
  };
}

export interface AuthRateLimiters {
  signup: RequestHandler[];
  login: RequestHandler[];
  /** For DELETE /api/me, which checks the signed-in person's password. */
  closeAccount: RequestHandler[];
  /** Asking for a password-reset email: every request counts, per IP address and per email address. */
  passwordReset: RequestHandler[];
  /** Using an emailed link (a new password, a new address): failures per IP address. */
  linkUse: RequestHandler[];
  /** A new password or email address, confirmed with the current password: failures per IP and per account. */
  accountChange: RequestHandler[];
  /** For linking a provider sign-in with an account's password (the request itself allows five tries). */
  linkPassword: RequestHandler[];
  /** Invitations sent by email: per person and per address, over 24 hours (none counted without an address). */
  invitationEmails: RequestHandler[];
}

function emailOf(req: Request): string | null {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || !('email' in body)) return null;
  return typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
}

/** True when the request is valid enough for the route to check a password (sign-in or closing an account). */
function checksPassword(req: Request): boolean {
  if (req.method === 'PUT' || (req.method === 'POST' && req.path === '/me/email')) return givesCurrentPassword(req);
  const schema =
    req.method === 'DELETE'
      ? DeleteAccountRequestSchema
      : req.path.endsWith('/link/password')
        ? LinkWithPasswordSchema
        : LoginRequestSchema;
  return schema.safeParse(req.body).success;
}

/** True when the body carries a current password for the route to check (`currentPassword` or `password`). */
function givesCurrentPassword(req: Request): boolean {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return false;
  const given = 'currentPassword' in body ? body.currentPassword : 'password' in body ? body.password : undefined;
  return typeof given === 'string' && given.length > 0;
}

export function authRateLimiters(
  settings: RateLimitSettings,
  logger: Logger,
  /** Where a limiter counts, by its name; in this process's memory when left out. */
  storeFor?: (limiter: string) => Store,
): AuthRateLimiters {
  const common: Partial<Options> = {
    windowMs: settings.windowMs,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Answer in our error format, with the Retry-After header the limiter has already set.
    handler: (_req, _res, next) => next(errors.rateLimited()),
    logger: {
      error: (err, message) => logger.error('http', message ?? 'rate limiter error', { err }),
      warn: (err, message) => logger.warn('http', message ?? 'rate limiter warning', { err }),
    },
  };
  // Only failed password checks count here, so a busy staffroom signing in correctly is not held up by
  // them; a request that does not validate checks no password and is answered 400 without counting.
  const limiter = (name: string, options: Partial<Options>) =>
    rateLimit({ ...common, ...options, ...(storeFor ? { store: storeFor(name) } : {}) });
  const passwordFailuresPerIp = limiter('password-failures-ip', {
    limit: settings.loginPerIp,
    skipSuccessfulRequests: true,
    skip: (req) => !checksPassword(req),
  });
  const passwordFailuresPerAccount = limiter('password-failures-account', {
    limit: settings.loginPerEmail,
    skipSuccessfulRequests: true,
    // Signed out, the route answers 401 without checking any password.
    skip: (req) => req.auth === undefined || !checksPassword(req),
    keyGenerator: (req) => `user:${req.auth?.user.id ?? ''}`,
  });
  return {
    signup: [limiter('signup-ip', { limit: settings.signupPerIp })],
    linkPassword: [passwordFailuresPerIp],
    passwordReset: [
      limiter('reset-ip', { limit: settings.resetPerIp ?? LIMITS.passwordResetsPerIp }),
      limiter('reset-email', {
        limit: settings.resetPerEmail ?? LIMITS.passwordResetsPerAddress,
        skip: (req) => emailOf(req) === null,
        keyGenerator: (req) => `email:${emailOf(req) ?? ''}`,
      }),
    ],
    linkUse: [limiter('link-failures-ip', { limit: settings.loginPerIp, skipSuccessfulRequests: true })],
    accountChange: [passwordFailuresPerIp, passwordFailuresPerAccount],
    // Wrong passwords per account count together across closing the account and changing password or address.
    closeAccount: [passwordFailuresPerIp, passwordFailuresPerAccount],
    invitationEmails: [
      limiter('invitation-emails-person', {
        windowMs: DAY_MS,
        limit: LIMITS.invitationEmailsPerPersonPerDay,
        skipFailedRequests: true,
        skip: (req) => req.auth === undefined || emailOf(req) === null,
        keyGenerator: (req) => `user:${req.auth?.user.id ?? ''}`,
        handler: (_req, _res, next) => next(errors.tooManyInvitationEmails()),
      }),
      limiter('invitation-emails-address', {
        windowMs: DAY_MS,
        limit: LIMITS.invitationEmailsPerAddressPerDay,
        skipFailedRequests: true,
        skip: (req) => req.auth === undefined || emailOf(req) === null,
        keyGenerator: (req) => `email:${emailOf(req) ?? ''}`,
        handler: (_req, _res, next) => next(errors.tooManyInvitationEmails()),
      }),
    ],
    login: [
      // Every attempt counts here, right, wrong or malformed: sign-ins are limited however they end.
      limiter('sign-in-ip', { limit: settings.signInPerIp ?? LIMITS.signInAttemptsPerIp }),
      passwordFailuresPerIp,
      limiter('sign-in-failures-email', {
        limit: settings.loginPerEmail,
        skipSuccessfulRequests: true,
        skip: (req) => emailOf(req) === null || !checksPassword(req),
        keyGenerator: (req) => `email:${emailOf(req) ?? ''}`,
      }),
    ],
  };
}
