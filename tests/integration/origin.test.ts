/**
 * Cross-site request forgery: state-changing API requests and both socket
 * upgrades must come from this server's own pages (or `PUBLIC_URL`). Also the
 * other half of "no account enumeration": sign-in answers the same, in about
 * the same time, for an unknown email and a wrong password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';

import { createHttpApp } from '../../server/http/app.js';
import { upgradeStatus } from '../helpers/collabClient.js';
import { buildMeeting, buildUser, DEFAULT_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { HttpClient, serveApp, type HttpResponse } from '../helpers/http.js';
import { realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const EVIL = 'https://evil.example';

function expectBadOrigin(res: HttpResponse): void {
  expect(res.status).toBe(403);
  expect(ErrorBodySchema.parse(res.body).error).toEqual({
    id: 'bad_origin',
    message: 'This request came from another website, so it was refused.',
  });
}

describe('same-origin checks', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('state-changing API requests', () => {
    it('refuses a foreign Origin on every method that changes state, and changes nothing', async () => {
      const person = await buildUser(server);
      const headers = { origin: EVIL };
      expectBadOrigin(await person.client.post('/api/invites', { role: 'coach' }, { headers }));
      expectBadOrigin(await person.client.post('/api/auth/logout', undefined, { headers }));
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        expectBadOrigin(await person.client.request(method, '/api/invites/some-token', { headers }));
      }
      // The refused sign-out did not sign anyone out.
      expect((await person.client.get('/api/me')).status).toBe(200);
      // Reading is not guarded: a cross-site GET cannot read the answer, and changes nothing.
      expect((await person.client.get('/api/me', { headers })).status).toBe(200);
    });

    it('refuses a foreign sign-in attempt before it counts or signs anyone in', async () => {
      const person = await buildUser(server);
      const client = new HttpClient(server.url);
      const res = await client.post(
        '/api/auth/login',
        { email: person.email, password: person.password },
        { headers: { origin: EVIL } },
      );
      expectBadOrigin(res);
      expect(client.cookie).toBeNull();
    });

    it('falls back to Referer when there is no Origin, and treats "null" and unreadable values as foreign', async () => {
      const person = await buildUser(server);
      const post = (headers: Record<string, string>) =>
        person.client.post('/api/invites', { role: 'teacher' }, { headers });
      expectBadOrigin(await post({ referer: `${EVIL}/page` }));
      expectBadOrigin(await post({ origin: 'null' }));
      expectBadOrigin(await post({ referer: 'not a url' }));
      // Origin wins over Referer.
      expectBadOrigin(await post({ origin: EVIL, referer: `${server.url}/` }));
      expect((await post({ origin: server.url, referer: `${EVIL}/` })).status).toBe(201);
      expect((await post({ referer: `${server.url}/partnerships` })).status).toBe(201);
    });

    it('accepts its own pages, and requests that name no origin at all (not a browser)', async () => {
      const person = await buildUser(server);
      expect(
        (await person.client.post('/api/invites', { role: 'coach' }, { headers: { origin: server.url } })).status,
      ).toBe(201);
      expect((await person.client.post('/api/invites', { role: 'coach' })).status).toBe(201);
    });

    it('accepts PUBLIC_URL behind a proxy, where Host is the internal address', async () => {
      const { services } = server.server;
      const app = createHttpApp({
        ...services,
        config: { ...services.config, publicUrl: 'https://tandem.example.org' },
      });
      const served = await serveApp(app);
      try {
        const client = new HttpClient(served.url);
        const signup = await client.post(
          '/api/auth/signup',
          { name: 'Behind Proxy', email: uniqueEmail(), password: DEFAULT_PASSWORD },
          { headers: { origin: 'https://tandem.example.org' } },
        );
        expect(signup.status).toBe(201);
        expectBadOrigin(
          await client.post('/api/invites', { role: 'coach' }, { headers: { origin: 'https://other.example.org' } }),
        );
      } finally {
        await served.close();
      }
    });
  });

  describe('socket upgrades', () => {
    it('refuses a collaboration upgrade from a foreign page with 403, and accepts its own', async () => {
      const { meeting, coach } = await buildMeeting(server);
      const path = `${COLLAB_PATH}/${meeting.id}`;
      expect(await upgradeStatus(server, path, { cookie: coach.cookie, origin: EVIL })).toBe(403);
      expect(await upgradeStatus(server, path, { cookie: coach.cookie, origin: 'null' })).toBe(403);
      expect(await upgradeStatus(server, path, { cookie: coach.cookie, origin: server.url })).toBe(101);
    });

    it('refuses a socket.io connection from a foreign page, and accepts its own', async () => {
      const person = await buildUser(server);
      const attempt = (origin: string) =>
        new Promise<'connected' | 'refused'>((resolve) => {
          const socket = realtimeSocket(server.url, person.cookie, { headers: { origin } });
          socket.once('connect', () => {
            socket.disconnect();
            resolve('connected');
          });
          socket.once('connect_error', () => {
            socket.disconnect();
            resolve('refused');
          });
        });
      expect(await attempt(EVIL)).toBe('refused');
      expect(await attempt(server.url)).toBe('connected');
      // Over plain HTTP polling too: engine.io answers the handshake itself with 403.
      const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
        headers: { cookie: person.cookie, origin: EVIL },
      });
      expect(polling.status).toBe(403);
    });
  });
});

describe('sign-in without account enumeration', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers an unknown email and a wrong password alike: status, body, headers and time', async () => {
    const person = await buildUser(server);
    const attempt = async (email: string) => {
      const started = performance.now();
      const res = await new HttpClient(server.url).post('/api/auth/login', { email, password: 'not the password' });
      return { res, ms: performance.now() - started };
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    // Interleaved so that load on the machine falls on both alike; below the per-account limit.
    for (let i = 0; i < 4; i++) {
      const a = await attempt(person.email);
      const b = await attempt(uniqueEmail('nobody'));
      expect(a.res.status).toBe(401);
      expect(b.res.status).toBe(401);
      expect(a.res.body).toEqual(b.res.body);
      expect(a.res.headers.getSetCookie()).toEqual([]);
      expect(b.res.headers.getSetCookie()).toEqual([]);
      expect([...a.res.headers.keys()].sort()).toEqual([...b.res.headers.keys()].sort());
      wrong.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    // Both pay for one password hash; skipping it for unknown emails would make them several times faster.
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});
