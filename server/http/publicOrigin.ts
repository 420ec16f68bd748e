/**
 * Where the app is reached, for links: the configured `PUBLIC_URL`, else the
 * address the request came to. A link that is emailed must not be built from
 * the request's `Host` in production: anyone can send a request with their own
 * `Host`, and a password-reset link to their server would hand them the token.
 */
import type { Request } from 'express';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';

export function publicOrigin(req: Request, services: Services): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/**
 * The origin for links sent by email: `PUBLIC_URL`, required in production when mail really goes out (`SMTP_URL`;
 * 503 `mail_unavailable` without it). Into the development outbox, the request's own address will do.
 */
export function mailLinkOrigin(req: Request, services: Services): string {
  const { publicUrl, env, smtpUrl } = services.config;
  if (publicUrl) return publicUrl;
  // Without SMTP, mail only reaches this machine's log and outbox: a lying Host reaches no one else.
  if (env === 'production' && smtpUrl) {
    services.logger.error('mail', 'set PUBLIC_URL: emailed links are not built from the request’s Host header');
    throw new AppError(
      'mail_unavailable',
      503,
      'Tandem cannot send this email yet: the person who runs it needs to set its public address.',
    );
  }
  return publicOrigin(req, services);
}
