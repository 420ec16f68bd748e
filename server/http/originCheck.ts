/**
 * Cross-site request forgery guard for the API: a state-changing request
 * (POST, PUT, PATCH, DELETE) that says where it comes from must come from this
 * server (or `PUBLIC_URL`). Browsers send `Origin` on such requests; when a
 * privacy setting strips it, `Referer` is checked instead. A request with
 * neither is not from a browser page, so it carries no victim's cookie to abuse.
 * The session cookie is also `SameSite=Lax`; this is the second lock.
 */
import type { RequestHandler } from 'express';
import { originAllowed } from '../auth/origin.js';
import { errors } from '../errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin a request claims: its `Origin` header, else the origin of its `Referer`. */
function claimedOrigin(headers: { origin?: string; referer?: string }): string | undefined {
  if (headers.origin !== undefined) return headers.origin;
  if (!headers.referer) return undefined;
  try {
    return new URL(headers.referer).origin;
  } catch {
    return 'null'; // an unreadable Referer is as good as a foreign one
  }
}

export function originCheck(publicUrl: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const origin = claimedOrigin(req.headers);
    const { host, 'x-forwarded-proto': proto } = req.headers;
    if (
      origin === undefined ||
      originAllowed({ headers: { origin, host, 'x-forwarded-proto': proto }, socket: req.socket }, publicUrl)
    ) {
      return next();
    }
    next(errors.badOrigin());
  };
}
