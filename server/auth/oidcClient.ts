/**
 * The OpenID Connect relying party (`openid-client`): the authorization code
 * flow with PKCE, `state` and `nonce`, against the one provider in
 * `OIDC_ISSUER_URL`. `begin` makes the provider's address and the flow to keep
 * (in the signed flow cookie); `finish` checks the provider's answer against that
 * flow, redeems the code and returns who the provider says the person is. What
 * to do with that person is the domain's (`domain/accounts/oidcSignIn.ts`).
 */
import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.js';
import { oidcRefused, type ProviderPerson } from '../domain/accounts/oidcSignIn.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { FLOW_LIFETIME_MS, type Flow } from './oidcCookies.js';

/** Plain http is allowed only for a provider on this machine (tests, local development). */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export class OidcClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly settings: OidcConfig,
    private readonly logger: Logger,
  ) {}

  /** The provider's discovered configuration, read once (again after a failure). */
  private async discover(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuerUrl);
      const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
      return oidc.discovery(
        issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
    })();
    try {
      return await this.configuration;
    } catch (err) {
      this.configuration = null;
      this.logger.warn('oidc', 'could not read the provider configuration', { err, issuer: this.settings.issuerUrl });
      throw oidcRefused('oidc_unavailable', 503);
    }
  }

  /** The address to send the browser to, and the flow to keep until it comes back. */
  async begin(redirectUri: string, next: string, now = Date.now()): Promise<{ url: string; flow: Flow }> {
    const config = await this.discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const flow: Flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier,
      next,
      expiresAt: now + FLOW_LIFETIME_MS,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, flow };
  }

  /**
   * Checks the callback (`callbackUrl`: the redirect URI `begin` was given, with the query the browser
   * came back with) against the flow this browser
   * started, redeems the code and reads the person's claims (the ID token's, completed from userinfo).
   */
  async finish(callbackUrl: URL, flow: Flow | null): Promise<ProviderPerson> {
    if (!flow) throw oidcRefused('oidc_expired');
    const error = callbackUrl.searchParams.get('error');
    if (callbackUrl.searchParams.get('state') !== flow.state) throw oidcRefused('oidc_bad_state');
    if (error !== null) throw oidcRefused(error === 'access_denied' ? 'oidc_cancelled' : 'oidc_failed');
    const config = await this.discover();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw oidcRefused('oidc_failed');
      let all: Record<string, unknown> = { ...claims };
      if (typeof claims.email !== 'string' && tokens.access_token) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        all = { ...info, ...claims, email: info.email, email_verified: info.email_verified };
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof all.email === 'string' ? all.email.trim().toLowerCase() : null,
        emailVerified: isVerified(all),
        name: nameOf(all),
      };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (isNonceMismatch(err)) {
        throw oidcRefused('oidc_bad_nonce');
      }
      this.logger.warn('oidc', 'sign-in answer refused', { err });
      throw oidcRefused('oidc_failed');
    }
  }
}

/** openid-client's error for an ID token whose `nonce` is not the expected one (the claim is named a cause or two down). */
function isNonceMismatch(err: unknown): boolean {
  if ((err as { code?: unknown }).code !== 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') return false;
  for (let cause: unknown = err; typeof cause === 'object' && cause !== null; cause = (cause as Error).cause) {
    if ((cause as { claim?: unknown }).claim === 'nonce') return true;
  }
  return false;
}

/**
 * `email_verified` (Google and most providers; some send the string "true"), or, from Microsoft Entra ID,
 * which sends no `email_verified`, the optional `xms_edov` claim ("the email's domain owner is verified").
 */
function isVerified(claims: Record<string, unknown>): boolean {
  const verified = claims.email_verified;
  if (verified !== undefined) return verified === true || verified === 'true';
  return claims.xms_edov === true || claims.xms_edov === 'true' || claims.xms_edov === 1;
}

function nameOf(claims: Record<string, unknown>): string | null {
  if (typeof claims.name === 'string' && claims.name.trim() !== '') return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}
