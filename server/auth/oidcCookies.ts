/**
 * The short-lived cookies of signing in with an OpenID Connect provider, both
 * scoped to `/api/auth/oidc` and `SameSite=Lax` (sent on the provider's
 * top-level redirect back, never on a cross-site subrequest):
 *
 * - the flow cookie carries one sign-in's `state`, `nonce` and PKCE verifier
 *   from the start to the callback, signed with the session secret (under its
 *   own label, so no other signature of ours fits it) and expiring in 10 minutes;
 * - the link cookie carries the token of a pending link request (a random
 *   token; the database holds its hash).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';
import { z } from 'zod';

export const OIDC_FLOW_COOKIE = 'tandem_oidc_flow';
export const OIDC_LINK_COOKIE = 'tandem_oidc_link';
const COOKIE_PATH = '/api/auth/oidc';
export const FLOW_LIFETIME_MS = 10 * 60 * 1000;

export const FlowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  /** Where to land once signed in (a path on this site). */
  next: z.string(),
  /** Milliseconds since the epoch. */
  expiresAt: z.number(),
});
export type Flow = z.infer<typeof FlowSchema>;

const mac = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(`oidc-flow:${payload}`).digest('base64url');

/** `<base64url JSON>.<signature>` */
export function sealFlow(flow: Flow, secret: string): string {
  const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The flow in a sealed value, or null when it is missing, forged, malformed or expired. */
export function unsealFlow(value: string | undefined, secret: string, now = Date.now()): Flow | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const flow = FlowSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return flow.expiresAt > now ? flow : null;
  } catch {
    return null;
  }
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  return cookieHeader ? parse(cookieHeader)[name] : undefined;
}

/** `Set-Cookie` for one of the two cookies; `value: null` clears it. */
export function oidcCookieHeader(
  name: typeof OIDC_FLOW_COOKIE | typeof OIDC_LINK_COOKIE,
  value: string | null,
  opts: { secure: boolean; maxAgeMs: number },
): string {
  return serialize(name, value ?? '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    path: COOKIE_PATH,
    maxAge: value === null ? 0 : Math.floor(opts.maxAgeMs / 1000),
  });
}
