/**
 * Signing in with an OpenID Connect provider, end to end: a real provider
 * (`oidc-provider`, tests/helpers/oidcProvider.ts) and a real Tandem server on
 * port 0, a real SMTP server for the link email, driven by a cookie-keeping
 * fetch that follows every redirect as a browser would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserResponseSchema } from '../../shared/api.js';
import { AccountLinkInfoSchema, AuthProvidersSchema, LinkEmailSentSchema, OIDC_ERRORS } from '../../shared/oidc.js';
import { OIDC_FLOW_COOKIE, OIDC_LINK_COOKIE, sealFlow, unsealFlow } from '../../server/auth/oidcCookies.js';
import { SESSION_COOKIE } from '../../server/auth/sessionCookie.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildUser, DEFAULT_PASSWORD } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { BrowserJar, startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('signing in with an OpenID Connect provider (%s)', (backend) => {
  let idp: TestOidcProvider;
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    idp = await startOidcProvider();
    smtp = await startSmtpServer();
    server = await startTestServer({
      backend,
      env: {
        ...idp.env,
        OIDC_DISPLAY_NAME: 'Sign in with Test School',
        OIDC_ALLOWED_DOMAINS: 'school.test, other-school.test',
        SMTP_URL: smtp.url,
      },
    });
    idp.register(`${server.url}/api/auth/oidc/callback`);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
    await idp?.stop();
  });

  const isTandemPage = (url: URL) => url.origin === server.url && !url.pathname.startsWith('/api/');
  const isCallback = (url: URL) => url.origin === server.url && url.pathname === '/api/auth/oidc/callback';

  /** From Tandem's button to the provider's login form, then logs in as `login`; resolves with where that redirects. */
  async function throughProvider(jar: BrowserJar, login: string, start = '/api/auth/oidc/start'): Promise<string> {
    const form = await jar.follow(server.url + start);
    expect(form.url).toMatch(new RegExp(`^${idp.issuer}/interaction/`));
    expect(form.text).toContain('Test school sign-in');
    const posted = await jar.request(form.url, { method: 'POST', form: { login } });
    if (!posted.location) throw new Error(`the provider did not redirect: ${posted.status} ${posted.text}`);
    return posted.location;
  }

  /** The whole flow; resolves with the Tandem page the browser lands on. */
  async function signInAs(jar: BrowserJar, login: string, start?: string): Promise<URL> {
    const landed = await jar.follow(await throughProvider(jar, login, start), isTandemPage);
    return new URL(landed.url);
  }

  const sessionOf = (jar: BrowserJar) => jar.cookie(server.url, SESSION_COOKIE);

  async function me(jar: BrowserJar) {
    const res = await jar.request(`${server.url}/api/me`);
    expect(res.status, res.text).toBe(200);
    return UserResponseSchema.parse(JSON.parse(res.text)).user;
  }

  const refusedWith = (landed: URL, id: keyof typeof OIDC_ERRORS) => {
    expect(`${landed.pathname}${landed.search}`).toBe(`/signin?oidc_error=${id}`);
  };

  it('tells the sign-in pages about the provider', async () => {
    const res = await new HttpClient(server.url).get('/api/auth/providers');
    expect(res.status).toBe(200);
    expect(AuthProvidersSchema.parse(res.body)).toEqual({ oidc: { displayName: 'Sign in with Test School' } });
  });

  it('sends the browser to the provider with PKCE, state and nonce kept in a signed cookie', async () => {
    const jar = new BrowserJar();
    const res = await jar.request(`${server.url}/api/auth/oidc/start`);
    expect(res.status).toBe(302);
    const to = new URL(res.location ?? '');
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('redirect_uri')).toBe(`${server.url}/api/auth/oidc/callback`);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('scope')).toBe('openid email profile');
    const flow = unsealFlow(jar.cookie(server.url, OIDC_FLOW_COOKIE), server.config.sessionSecret);
    expect(flow?.state).toBe(to.searchParams.get('state'));
    expect(flow?.nonce).toBe(to.searchParams.get('nonce'));
    expect(to.searchParams.get('code_challenge')).not.toBe(flow?.verifier);
  });

  it('creates an account from the verified email and name on first sign-in, and signs the same one in after', async () => {
    const jar = new BrowserJar();
    const landed = await signInAs(jar, 'ada.coach');
    expect(landed.pathname).toBe('/');
    expect(sessionOf(jar)).toBeDefined();
    expect(jar.cookie(server.url, OIDC_FLOW_COOKIE)).toBeUndefined();
    const user = await me(jar);
    expect(user).toMatchObject({ name: 'Ada Coach', email: 'ada.coach@school.test' });

    const again = new BrowserJar();
    expect((await signInAs(again, 'ada.coach')).pathname).toBe('/');
    expect((await me(again)).id).toBe(user.id);
    const identities = await server.server.services.db
      .selectFrom('account_identities')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(identities).toEqual([expect.objectContaining({ issuer: idp.issuer, subject: 'ada.coach' })]);
    // An account made this way has no password to sign in with.
    const byPassword = await new HttpClient(server.url).post('/api/auth/login', {
      email: 'ada.coach@school.test',
      password: 'none:oidc',
    });
    expect(byPassword.status).toBe(401);
  });

  it('lands on the page the sign-in started from, and never on another site', async () => {
    const jar = new BrowserJar();
    const landed = await signInAs(jar, 'ada.coach', `/api/auth/oidc/start?next=${encodeURIComponent('/invite/abc')}`);
    expect(landed.pathname).toBe('/invite/abc');
    const elsewhere = await signInAs(new BrowserJar(), 'ada.coach', '/api/auth/oidc/start?next=//evil.test/x');
    expect(elsewhere.href).toBe(`${server.url}/`);
  });

  it('refuses an answer whose state is not the one this browser was given', async () => {
    const jar = new BrowserJar();
    const callback = await jar.follow(await throughProvider(jar, 'ada.coach'), isCallback);
    const forged = new URL(callback.url);
    expect(forged.searchParams.get('code')).toBeTruthy();
    forged.searchParams.set('state', 'someone-elses-state');
    const landed = await jar.follow(forged.href, isTandemPage);
    refusedWith(new URL(landed.url), 'oidc_bad_state');
    expect(sessionOf(jar)).toBeUndefined();
  });

  it('refuses an answer brought to a browser that did not start the sign-in', async () => {
    const jar = new BrowserJar();
    const callback = await jar.follow(await throughProvider(jar, 'ada.coach'), isCallback);
    const other = new BrowserJar();
    const landed = await other.follow(callback.url, isTandemPage);
    refusedWith(new URL(landed.url), 'oidc_expired');
    expect(sessionOf(other)).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one this browser asked for', async () => {
    const jar = new BrowserJar();
    const callback = await jar.follow(await throughProvider(jar, 'ada.coach'), isCallback);
    const secret = server.config.sessionSecret;
    const flow = unsealFlow(jar.cookie(server.url, OIDC_FLOW_COOKIE), secret);
    if (!flow) throw new Error('no flow cookie');
    jar.setCookie(server.url, OIDC_FLOW_COOKIE, sealFlow({ ...flow, nonce: 'not-the-nonce-sent' }, secret));
    const landed = await jar.follow(callback.url, isTandemPage);
    refusedWith(new URL(landed.url), 'oidc_bad_nonce');
    expect(sessionOf(jar)).toBeUndefined();
  });

  it('refuses a forged flow cookie', async () => {
    const jar = new BrowserJar();
    const callback = await jar.follow(await throughProvider(jar, 'ada.coach'), isCallback);
    const flow = unsealFlow(jar.cookie(server.url, OIDC_FLOW_COOKIE), server.config.sessionSecret);
    if (!flow) throw new Error('no flow cookie');
    jar.setCookie(server.url, OIDC_FLOW_COOKIE, sealFlow(flow, 'a-secret-that-is-not-the-servers-0123456789'));
    refusedWith(new URL((await jar.follow(callback.url, isTandemPage)).url), 'oidc_expired');
  });

  it('refuses an unverified email, and makes no account', async () => {
    const jar = new BrowserJar();
    refusedWith(await signInAs(jar, 'una.unverified'), 'oidc_email_unverified');
    expect(sessionOf(jar)).toBeUndefined();
    const row = await server.server.services.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'una@school.test')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses an email outside the allowed domains', async () => {
    const jar = new BrowserJar();
    refusedWith(await signInAs(jar, 'olga.outside'), 'oidc_domain_not_allowed');
    expect(sessionOf(jar)).toBeUndefined();
  });

  it('links an existing password account once its password is given, and not before', async () => {
    const owner = await buildUser(server, { name: 'Lin Existing', email: `lin.${backend}@school.test` });
    idp.people.set(`lin-${backend}`, { email: owner.email, email_verified: true, name: 'Lin at School' });
    const jar = new BrowserJar();
    const landed = await signInAs(jar, `lin-${backend}`);
    expect(landed.pathname).toBe('/link-account');
    expect(sessionOf(jar)).toBeUndefined();
    expect(jar.cookie(server.url, OIDC_LINK_COOKIE)).toBeDefined();

    const info = await jar.request(`${server.url}/api/auth/oidc/link`);
    expect(AccountLinkInfoSchema.parse(JSON.parse(info.text)).link).toMatchObject({
      email: owner.email,
      providerName: 'Sign in with Test School',
    });
    const wrong = await jar.request(`${server.url}/api/auth/oidc/link/password`, {
      method: 'POST',
      json: { password: 'not the password' },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text)).toMatchObject({
      error: { id: 'validation_failed', fields: { password: expect.any(String) } },
    });
    expect(sessionOf(jar)).toBeUndefined();

    const right = await jar.request(`${server.url}/api/auth/oidc/link/password`, {
      method: 'POST',
      json: { password: DEFAULT_PASSWORD },
    });
    expect(right.status, right.text).toBe(200);
    expect(UserResponseSchema.parse(JSON.parse(right.text)).user.id).toBe(owner.user.id);
    expect(sessionOf(jar)).toBeDefined();
    expect(jar.cookie(server.url, OIDC_LINK_COOKIE)).toBeUndefined();

    // From now on the provider signs this account in directly; the password still works too.
    const later = new BrowserJar();
    expect((await signInAs(later, `lin-${backend}`)).pathname).toBe('/');
    expect((await me(later)).id).toBe(owner.user.id);
    const byPassword = await new HttpClient(server.url).post('/api/auth/login', {
      email: owner.email,
      password: DEFAULT_PASSWORD,
    });
    expect(byPassword.status).toBe(200);
  });

  it('spends a link request after five wrong passwords', async () => {
    const owner = await buildUser(server, { email: `guess.${backend}@school.test` });
    idp.people.set(`guess-${backend}`, { email: owner.email, email_verified: true, name: 'Guess' });
    const jar = new BrowserJar();
    expect((await signInAs(jar, `guess-${backend}`)).pathname).toBe('/link-account');
    const statuses: number[] = [];
    for (const password of ['one', 'two', 'three', 'four', 'five', DEFAULT_PASSWORD]) {
      const res = await jar.request(`${server.url}/api/auth/oidc/link/password`, {
        method: 'POST',
        json: { password },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    expect(sessionOf(jar)).toBeUndefined();
  });

  it('links an existing password account through a single-use link emailed to it', async () => {
    const owner = await buildUser(server, { name: 'Mel Existing', email: `mel.${backend}@school.test` });
    idp.people.set(`mel-${backend}`, { email: owner.email, email_verified: true, name: 'Mel at School' });
    const jar = new BrowserJar();
    expect((await signInAs(jar, `mel-${backend}`)).pathname).toBe('/link-account');

    const sent = await jar.request(`${server.url}/api/auth/oidc/link/email`, { method: 'POST' });
    expect(sent.status, sent.text).toBe(200);
    expect(LinkEmailSentSchema.parse(JSON.parse(sent.text)).sentTo).toBe(owner.email);
    const again = await jar.request(`${server.url}/api/auth/oidc/link/email`, { method: 'POST' });
    expect(JSON.parse(again.text)).toMatchObject({ error: { id: 'link_email_recent' } });

    const mail = await smtp.next(owner.email);
    expect(mail.subject).toBe('Link your school sign-in to your Tandem account');
    expect(mail.text).toContain('Sign in with Test School');
    const link = linkIn(mail, `${server.url}/link-account/`);
    const token = link.slice(`${server.url}/link-account/`.length);
    const stored = await server.server.services.db
      .selectFrom('account_link_requests')
      .select('email_token_hash')
      .execute();
    expect(stored.map((r) => r.email_token_hash)).not.toContain(token);

    // Whoever opens the mail is the account's owner: no cookie of the first browser is needed.
    const opener = new HttpClient(server.url);
    const confirmed = await opener.post('/api/auth/oidc/link/confirm', { token });
    expect(confirmed.status).toBe(200);
    expect(UserResponseSchema.parse(confirmed.body).user.id).toBe(owner.user.id);
    expect(opener.cookie).not.toBeNull();
    const twice = await new HttpClient(server.url).post('/api/auth/oidc/link/confirm', { token });
    expect(twice.status).toBe(410);
    expect(twice.body).toMatchObject({ error: { id: 'link_expired' } });

    const later = new BrowserJar();
    expect((await signInAs(later, `mel-${backend}`)).pathname).toBe('/');
    expect((await me(later)).id).toBe(owner.user.id);
  });

  it('answers the link routes with JSON errors when there is nothing to link', async () => {
    const client = new HttpClient(server.url);
    const info = await client.get('/api/auth/oidc/link');
    expect(info.status).toBe(404);
    expect(info.body).toMatchObject({ error: { id: 'link_not_found', message: expect.any(String) } });
    const confirm = await client.post('/api/auth/oidc/link/confirm', { token: 'no-such-token' });
    expect(confirm.status).toBe(404);
  });
});

describe('without a provider configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows no button and sends a stray start back to the sign-in page', async () => {
    const client = new HttpClient(server.url);
    expect((await client.get('/api/auth/providers')).body).toEqual({ oidc: null });
    const start = await client.get('/api/auth/oidc/start');
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('/signin?oidc_error=oidc_not_configured');
  });
});
