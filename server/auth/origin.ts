/** Same-origin checks for requests that carry the session cookie (socket upgrades, state changes). */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

type OriginRequest = Pick<IncomingMessage, 'headers'> & { socket?: Socket | null };

/**
 * The scheme the person's browser used: what the reverse proxy in front says (`X-Forwarded-Proto`; a page
 * cannot set that header on someone else's browser), else whether this connection is TLS.
 */
function requestScheme(req: OriginRequest): string {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  if (first === 'http' || first === 'https') return first;
  return req.socket && 'encrypted' in req.socket && req.socket.encrypted === true ? 'https' : 'http';
}

/**
 * A browser always sends Origin on a WebSocket; it must be this server (or PUBLIC_URL), scheme and host
 * alike: a plain-http page of the same host is another origin, and may have been written by anyone on the path.
 */
export function originAllowed(req: OriginRequest, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: cookies are not sent cross-site without one
  let claimed: URL;
  try {
    claimed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && new URL(publicUrl).origin === claimed.origin) return true;
  return claimed.host === req.headers.host && claimed.protocol === `${requestScheme(req)}:`;
}
