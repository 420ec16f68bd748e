/**
 * A real OpenID Connect provider (`oidc-provider`) on port 0, standing in for
 * Google or Microsoft: one confidential client, test people, and a login page
 * of its own (a form asking who you are; no password) that finishes login and
 * consent in one step. Discovery, the authorization endpoint, PKCE, signed ID
 * tokens with the nonce, the token and userinfo endpoints are the library's own.
 *
 * Two steps, because the client's redirect URI names Tandem's port: `startOidcProvider()`
 * listens (so `env` can configure Tandem), then `register(callbackUrl)` creates the provider.
 *
 * `BrowserJar` is a cookie-keeping fetch that follows redirects, enough to drive the
 * whole code flow the way a browser would.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type JWK } from 'oidc-provider';

export interface TestPerson {
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The `OIDC_*` settings for a Tandem server using this provider. */
  env: Record<string, string>;
  /** Everyone who can sign in here, by login name (which is also their subject). */
  people: Map<string, TestPerson>;
  /** Creates the provider, its client allowed to come back to `redirectUri`. */
  register(redirectUri: string): void;
  stop(): Promise<void>;
}

/** Verified at the allowed domain; unverified; verified at another domain. */
export const TEST_PEOPLE: Record<string, TestPerson> = {
  'ada.coach': { email: 'ada.coach@school.test', email_verified: true, name: 'Ada Coach' },
  'una.unverified': { email: 'una@school.test', email_verified: false, name: 'Una Unverified' },
  'olga.outside': { email: 'olga@elsewhere.test', email_verified: true, name: 'Olga Outside' },
};

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test school sign-in</title></head>` +
  `<body style="font-family: sans-serif; max-width: 28rem; margin: 3rem auto">${body}</body></html>`;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const people = new Map(Object.entries(TEST_PEOPLE));
  const clientId = 'tandem-test';
  const clientSecret = 'tandem-test-secret-0123456789';
  let provider: Provider | null = null;

  const readForm = (req: http.IncomingMessage) =>
    new Promise<URLSearchParams>((resolve, reject) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => resolve(new URLSearchParams(text)));
      req.on('error', reject);
    });

  /** Login and consent at once: a grant for what Tandem asks (openid email profile). */
  async function finish(req: http.IncomingMessage, res: http.ServerResponse, p: Provider, accountId: string) {
    const details = await p.interactionDetails(req, res);
    const grant = new p.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await p.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, p: Provider, uid: string) {
    const details = await p.interactionDetails(req, res);
    if (req.method === 'GET' && details.prompt.name !== 'login' && details.session?.accountId) {
      return finish(req, res, p, details.session.accountId);
    }
    let problem = '';
    if (req.method === 'POST') {
      const login = (await readForm(req)).get('login') ?? '';
      if (people.has(login)) return finish(req, res, p, login);
      problem = `<p role="alert">No one called “${escape(login)}” here.</p>`;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      page(
        `<h1>Test school sign-in</h1>${problem}<form method="post" action="/interaction/${escape(uid)}">` +
          `<label>Login name <input name="login" autocomplete="off"></label> <button type="submit">Continue</button></form>`,
      ),
    );
  }

  const server = http.createServer((req, res) => {
    const p = provider;
    if (!p) {
      res.writeHead(503).end('not registered yet');
      return;
    }
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (match?.[1]) {
      interaction(req, res, p, match[1]).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
      return;
    }
    p.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    env: { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    people,
    register(redirectUri) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' } as JWK;
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        async findAccount(_ctx, id) {
          const person = people.get(id);
          if (!person) return undefined;
          return { accountId: id, claims: () => ({ sub: id, ...person }) };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
        pkce: { methods: ['S256'], required: () => true },
        cookies: { keys: ['test-provider-cookie-key-0123456789'] },
        jwks: { keys: [jwk] },
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A cookie-keeping fetch that follows redirects across sites, as a browser would (path and expiry kept simply). */
export class BrowserJar {
  /** Per origin, cookie name -> value. */
  private readonly cookies = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.cookies.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.cookies.set(origin, jar);
  }

  /** One request, keeping cookies; the response's body is read. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; json?: unknown } = {}) {
    const target = new URL(url);
    const jar = this.cookies.get(target.origin);
    const headers: Record<string, string> = {};
    if (jar && jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const res = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const gone =
        value === '' || attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      if (gone) this.cookies.get(target.origin)?.delete(name);
      else this.setCookie(target.origin, name, value);
    }
    const location = res.headers.get('location');
    return {
      status: res.status,
      text: await res.text(),
      location: location === null ? null : new URL(location, target).href,
    };
  }

  /**
   * Follows redirects from `url` until an answer that is not a redirect, or until `stopBefore` says
   * to stop (that address is then not requested). Resolves with the last address and its answer.
   */
  async follow(url: string, stopBefore: (url: URL) => boolean = () => false) {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      if (stopBefore(new URL(current))) return { url: current, status: 0, text: '' };
      const res = await this.request(current);
      if (res.location === null || res.status < 300 || res.status >= 400) return { url: current, ...res };
      current = res.location;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
