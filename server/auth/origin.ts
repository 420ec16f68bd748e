/** Same-origin checks for requests that carry the session cookie (socket upgrades, state changes). */
import type { IncomingMessage } from 'node:http';

/** A browser always sends Origin on a WebSocket; it must be this server (or PUBLIC_URL). */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: cookies are not sent cross-site without one
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (publicUrl && new URL(publicUrl).host === host) return true;
  return host === req.headers.host;
}
