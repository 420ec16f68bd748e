/**
 * Signing in with the school's OpenID Connect provider. `start` and `callback`
 * are browser navigations: they answer with redirects, and a refusal sends the
 * browser to the sign-in page with the refusal's id (`/signin?oidc_error=…`),
 * never to a JSON error. The link routes are ordinary API calls from the link page.
 */
import type { Request, Response } from 'express';
import { API } from '../../../shared/contract/index.js';
import { isOidcErrorId, NextPathSchema, type OidcErrorId } from '../../../shared/oidc.js';
import {
  FLOW_LIFETIME_MS,
  OIDC_FLOW_COOKIE,
  OIDC_LINK_COOKIE,
  oidcCookieHeader,
  readCookie,
  sealFlow,
  unsealFlow,
} from '../../auth/oidcCookies.js';
import { LINK_LIFETIME_MS } from '../../domain/accounts/accountLinks.js';
import { AppError } from '../../errors.js';
import type { OidcServices, Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import type { AuthRateLimiters } from '../rateLimits.js';
import { isSecure, setSessionCookie } from '../session.js';
import { mailLinkOrigin, publicOrigin } from '../publicOrigin.js';

const CALLBACK_PATH = API.oidcCallback.path;

/** Where a refused browser sign-in lands: the sign-in page, which words the refusal. */
const refusedTo = (id: OidcErrorId) => ({ location: `/signin?oidc_error=${id}` });

const safeNext = (next: string | undefined) => (NextPathSchema.safeParse(next).success && next ? next : '/');

export function oidcRoutes(api: ContractRouter, services: Services, limiters: AuthRateLimiters): void {
  const { config } = services;
  const setCookie = (
    req: Request,
    res: Response,
    name: typeof OIDC_FLOW_COOKIE | typeof OIDC_LINK_COOKIE,
    value: string | null,
    maxAgeMs = 0,
  ) => res.append('Set-Cookie', oidcCookieHeader(name, value, { secure: isSecure(req, services), maxAgeMs }));

  /** The provider services, or the link routes' 404 when no provider is configured. */
  const linking = (): OidcServices => {
    if (!services.oidc)
      throw new AppError('link_not_found', 404, 'Signing in with a school account is not set up here.');
    return services.oidc;
  };

  api.implement(API.authProviders, () => ({
    oidc: config.oidc ? { displayName: config.oidc.displayName } : null,
  }));

  api.implement(API.oidcStart, async ({ query, req, res }) => {
    if (!services.oidc) return refusedTo('oidc_not_configured');
    try {
      const redirectUri = publicOrigin(req, services) + CALLBACK_PATH;
      const { url, flow } = await services.oidc.client.begin(redirectUri, safeNext(query.next));
      setCookie(req, res, OIDC_FLOW_COOKIE, sealFlow(flow, config.sessionSecret), FLOW_LIFETIME_MS);
      return { location: url };
    } catch (err) {
      if (err instanceof AppError && isOidcErrorId(err.id)) return refusedTo(err.id);
      throw err;
    }
  });

  api.implement(API.oidcCallback, async ({ req, res }) => {
    if (!services.oidc) return refusedTo('oidc_not_configured');
    const flow = unsealFlow(readCookie(req.headers.cookie, OIDC_FLOW_COOKIE), config.sessionSecret);
    // One flow, one answer: the cookie goes whatever happens.
    setCookie(req, res, OIDC_FLOW_COOKIE, null);
    const callbackUrl = new URL(publicOrigin(req, services) + CALLBACK_PATH);
    callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
    try {
      const person = await services.oidc.client.finish(callbackUrl, flow);
      const outcome = await services.oidc.signIn.signIn(person);
      const next = flow?.next ?? '/';
      if (outcome.kind === 'linkNeeded') {
        setCookie(req, res, OIDC_LINK_COOKIE, outcome.linkToken, LINK_LIFETIME_MS);
        return { location: next === '/' ? '/link-account' : `/link-account?next=${encodeURIComponent(next)}` };
      }
      // Whoever was signed in here before is signed out: one browser, one person.
      if (req.auth) await services.accounts.logout(req.auth.token);
      setSessionCookie(req, res, services, outcome.grant.token);
      return { location: next };
    } catch (err) {
      if (err instanceof AppError && isOidcErrorId(err.id)) {
        services.logger.info('oidc', 'provider sign-in refused', { reason: err.id });
        return refusedTo(err.id);
      }
      throw err;
    }
  });

  api.implement(API.accountLink, async ({ req }) => ({
    link: await linking().links.describe(readCookie(req.headers.cookie, OIDC_LINK_COOKIE)),
  }));

  api.implement(
    API.linkWithPassword,
    async ({ body, req, res }) => {
      const token = readCookie(req.headers.cookie, OIDC_LINK_COOKIE);
      const grant = await linking().links.linkWithPassword(token, body.password);
      setCookie(req, res, OIDC_LINK_COOKIE, null);
      setSessionCookie(req, res, services, grant.token);
      return { user: grant.user };
    },
    limiters.linkPassword,
  );

  api.implement(API.linkByEmail, async ({ req }) => {
    const token = readCookie(req.headers.cookie, OIDC_LINK_COOKIE);
    const sentTo = await linking().links.sendEmail(token, `${mailLinkOrigin(req, services)}/link-account/`);
    return { sentTo };
  });

  api.implement(API.confirmLink, async ({ body, req, res }) => {
    const grant = await linking().links.confirmEmail(body.token);
    setSessionCookie(req, res, services, grant.token);
    return { user: grant.user };
  });
}
