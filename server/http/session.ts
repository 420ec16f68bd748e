/**
 * Who is calling: reads the signed session cookie, looks the session up, and
 * sets and clears the cookie. Routes ask `requireUser(req)`.
 */
import type { NextFunction, Request, Response } from 'express';
import type { User } from '../../shared/api.js';
import { LIMITS } from '../../shared/limits.js';
import { clearSessionCookieHeader, readSessionToken, sessionCookieHeader } from '../auth/sessionCookie.js';
import { errors } from '../errors.js';
import type { Services } from '../services.js';

export interface RequestSession {
  user: User;
  /** The raw session token, to end the session on sign-out. */
  token: string;
  /** The stored session id (what live sockets opened with this session remember). */
  sessionId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own augmentation point.
  namespace Express {
    interface Request {
      /** Set by the session middleware when a valid session cookie came with the request. */
      auth?: RequestSession;
    }
  }
}

/** Middleware: attaches `req.auth` when the cookie names a live session; never rejects. */
export function loadSession(services: Services) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = readSessionToken(req.headers.cookie, services.config.sessionSecret);
    if (token) {
      const session = await services.accounts.sessionForToken(token);
      if (session) {
        req.auth = { user: session.user, token, sessionId: session.sessionId };
        // The session was just kept alive: so is the cookie (30 days from now, like the session).
        if (session.refreshed) setSessionCookie(req, res, services, token);
      }
    }
    next();
  };
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): User {
  if (!req.auth) throw errors.unauthenticated();
  return req.auth.user;
}

/** Secure cookies over https, and whenever the public address is https (TLS ended at a proxy). */
export function isSecure(req: Request, services: Services): boolean {
  return req.secure || (services.config.publicUrl?.startsWith('https:') ?? false);
}

export function setSessionCookie(req: Request, res: Response, services: Services, token: string): void {
  const header = sessionCookieHeader(token, services.config.sessionSecret, {
    secure: isSecure(req, services),
    maxAgeMs: LIMITS.sessionLifetimeMs,
  });
  res.append('Set-Cookie', header);
}

export function clearSessionCookie(req: Request, res: Response, services: Services): void {
  res.append('Set-Cookie', clearSessionCookieHeader(isSecure(req, services)));
}
