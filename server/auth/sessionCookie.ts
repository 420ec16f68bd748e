/**
 * The session cookie: a random token signed with the session secret, so a
 * forged or tampered cookie is refused without touching the database.
 * Used by HTTP routes, the collaboration upgrade and socket.io alike.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'tandem_session';

/** A new random session token (what the database stores is its hash). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

function sign(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

/** The cookie value for a token: `<token>.<signature>`. */
export function sealSessionToken(token: string, secret: string): string {
  return `${token}.${sign(token, secret)}`;
}

/** The token from a `Cookie` header, or null when absent or its signature is wrong. */
export function readSessionToken(cookieHeader: string | undefined, secret: string): string | null {
  if (!cookieHeader) return null;
  const value = parse(cookieHeader)[SESSION_COOKIE];
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(token, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return token;
}

/** `Set-Cookie` header value that stores a session. */
export function sessionCookieHeader(
  token: string,
  secret: string,
  opts: { secure: boolean; maxAgeMs: number },
): string {
  return serialize(SESSION_COOKIE, sealSessionToken(token, secret), {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: '/',
    maxAge: Math.floor(opts.maxAgeMs / 1000),
  });
}

/** `Set-Cookie` header value that clears the session. */
export function clearSessionCookieHeader(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}
