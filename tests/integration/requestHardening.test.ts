/**
 * Smaller hardening: sign-in limits count attempts (an empty password is a validation error that locks
 * nothing; successful sign-ins are limited per address too), corrupt compressed bodies answer 400, the
 * origin check compares scheme as well as host, the SQLite files are the owner's only, and `TRUST_PROXY`
 * lets per-address limits see the person behind a reverse proxy.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { ConfigError, loadConfig, type TrustProxy } from '../../server/config.js';
import { createHttpApp } from '../../server/http/app.js';
import type { RateLimitSettings } from '../../server/http/rateLimits.js';
import { upgradeStatus } from '../helpers/collabClient.js';
import { buildMeeting, buildUser } from '../helpers/factories.js';
import { HttpClient, serveApp, type ServedApp } from '../helpers/http.js';
import { outcome, realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { expectError } from '../helpers/errors.js';

describe('request hardening', () => {
  let server: TestServer;
  const served: ServedApp[] = [];

  /** The test server's services behind an app with its own limits and `trust proxy`. */
  async function appWith(rateLimits: RateLimitSettings, trustProxy: TrustProxy = false): Promise<ServedApp> {
    const { services } = server.server;
    const app = await serveApp(
      createHttpApp({ ...services, config: { ...services.config, trustProxy } }, { rateLimits }),
    );
    served.push(app);
    return app;
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const app of served) await app.close();
    await server?.stop();
  });

  describe('sign-in limits', () => {
    it('answers an empty password as invalid input, and ten of them do not lock the address', async () => {
      const person = await buildUser(server);
      const client = new HttpClient(server.url);
      for (let i = 0; i < 12; i++) {
        const res = await client.post('/api/auth/login', { email: person.email, password: '' });
        expectError(res, 400, 'validation_failed');
      }
      expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).status).toBe(
        200,
      );
    });

    it('limits every sign-in attempt per address, successful ones included', async () => {
      const person = await buildUser(server);
      const app = await appWith({
        windowMs: 60_000,
        signupPerIp: 100,
        loginPerIp: 100,
        loginPerEmail: 100,
        signInPerIp: 3,
      });
      const client = new HttpClient(app.url);
      for (let i = 0; i < 3; i++) {
        expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).status).toBe(
          200,
        );
      }
      expectError(
        await client.post('/api/auth/login', { email: person.email, password: person.password }),
        429,
        'rate_limited',
      );
    });
  });

  it('answers 400 to a gzip, br or deflate body that does not decompress, and reads a good one', async () => {
    const person = await buildUser(server);
    const post = (encoding: string, body: Buffer | string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const res = await post(encoding, 'this is not compressed at all');
      expect(res.status, encoding).toBe(400);
      expect(ErrorBodySchema.parse(await res.json()).error.id).toBe('malformed_body');
    }
    const json = JSON.stringify({ email: person.email, password: person.password });
    const truncated = gzipSync(json).subarray(0, 20);
    expect((await post('gzip', truncated)).status).toBe(400);
    expect((await post('gzip', gzipSync(json))).status).toBe(200);
    expect((await post('br', brotliCompressSync(json))).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  describe('origin check', () => {
    it('refuses a page of the same host over another scheme, on HTTP and both sockets', async () => {
      const { coach, meeting } = await buildMeeting(server);
      const crossScheme = server.url.replace('http://', 'https://');
      expectError(
        await coach.client.post('/api/invites', { role: 'coach' }, { headers: { origin: crossScheme } }),
        403,
        'bad_origin',
      );
      expectError(
        await coach.client.post('/api/invites', { role: 'coach' }, { headers: { referer: `${crossScheme}/home` } }),
        403,
        'bad_origin',
      );
      expect(
        await upgradeStatus(server, `${COLLAB_PATH}/${meeting.id}`, { cookie: coach.cookie, origin: crossScheme }),
      ).toBe(403);
      const socket = realtimeSocket(server.url, coach.cookie, { headers: { origin: crossScheme } });
      expect((await outcome(socket)).ok).toBe(false);
      socket.disconnect();

      // Its own scheme passes; so does https when the proxy in front says the page was https.
      expect(
        (await coach.client.post('/api/invites', { role: 'coach' }, { headers: { origin: server.url } })).status,
      ).toBe(201);
      const viaProxy = await coach.client.post(
        '/api/invites',
        { role: 'coach' },
        { headers: { origin: crossScheme, 'x-forwarded-proto': 'https' } },
      );
      expect(viaProxy.status).toBe(201);
    });
  });

  it('creates the SQLite files and the session secret readable by their owner only', async () => {
    const person = await buildUser(server);
    await person.client.post('/api/invites', { role: 'coach' }); // a write, so the WAL exists
    const file = server.config.sqlitePath;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(statSync(f).mode & 0o777, f).toBe(0o600);
    }
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-secret-'));
    try {
      loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
      expect(statSync(path.join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('TRUST_PROXY', () => {
    const limits: RateLimitSettings = { windowMs: 60_000, signupPerIp: 100, loginPerIp: 3, loginPerEmail: 100 };
    const fail = (app: ServedApp, forwardedFor: string) =>
      new HttpClient(app.url).post(
        '/api/auth/login',
        { email: `nobody-${forwardedFor}@example.test`, password: 'wrong password' },
        { headers: { 'x-forwarded-for': forwardedFor } },
      );

    it('keys per-address limits on X-Forwarded-For from a trusted proxy', async () => {
      const app = await appWith(limits, ['loopback']);
      for (let i = 0; i < 3; i++) expect((await fail(app, '203.0.113.7')).status).toBe(401);
      expectError(await fail(app, '203.0.113.7'), 429, 'rate_limited');
      // Someone else behind the same proxy is not held up.
      expect((await fail(app, '203.0.113.8')).status).toBe(401);
    });

    it('ignores X-Forwarded-For when no proxy is trusted', async () => {
      const app = await appWith(limits);
      for (let i = 0; i < 3; i++) expect((await fail(app, `198.51.100.${i}`)).status).toBe(401);
      expectError(await fail(app, '198.51.100.99'), 429, 'rate_limited');
    });

    it('is validated: hop counts, addresses, subnets and keywords, never "true"', () => {
      const parse = (TRUST_PROXY: string) =>
        loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32), TRUST_PROXY }).trustProxy;
      expect(parse('false')).toBe(false);
      expect(parse('1')).toBe(1);
      expect(parse('loopback, 10.0.0.0/8, 2001:db8::1')).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1']);
      for (const bad of ['true', 'proxy.example.org', '10.0.0.0/33', '99']) {
        expect(() => parse(bad), bad).toThrow(ConfigError);
      }
      expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) }).trustProxy).toBe(false);
    });
  });
});
