/**
 * Rate limits on signing up, signing in and closing an account: per account on the real
 * server, and per IP address on an app built with small limits (under test
 * every client shares one address, so the real server's per-IP limits are high).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { createHttpApp } from '../../server/http/app.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildUser, DEFAULT_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { HttpClient, serveApp, type HttpResponse, type ServedApp } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();
const PER_EMAIL = 10;

function expectRateLimited(res: HttpResponse): void {
  expect(res.status).toBe(429);
  expect(ErrorBodySchema.parse(res.body).error).toEqual({
    id: 'rate_limited',
    message: 'Too many attempts. Please wait a moment and try again.',
  });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe.each(backends)('rate limits (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('stops password guessing on one account, and only on that account', async () => {
    const target = await buildUser(server);
    const bystander = await buildUser(server);
    const guesser = new HttpClient(server.url);
    for (let i = 0; i < PER_EMAIL; i++) {
      const res = await guesser.post('/api/auth/login', { email: target.email, password: `guess number ${i}` });
      expect(res.status).toBe(401);
    }
    expectRateLimited(await guesser.post('/api/auth/login', { email: target.email, password: 'one more guess' }));
    // Even the right password waits: otherwise the limit would tell a guesser when they had it.
    expectRateLimited(
      await new HttpClient(server.url).post('/api/auth/login', { email: target.email, password: target.password }),
    );

    const other = await new HttpClient(server.url).post('/api/auth/login', {
      email: bystander.email,
      password: bystander.password,
    });
    expect(other.status).toBe(200);
  });

  it('stops password guessing through account closing, for that account only', async () => {
    const target = await buildUser(server);
    const bystander = await buildUser(server);
    const close = (who: typeof target, password: string) =>
      who.client.request('DELETE', '/api/me', { body: { password } });
    for (let i = 0; i < PER_EMAIL; i++) expect((await close(target, `guess number ${i}`)).status).toBe(400);
    expectRateLimited(await close(target, 'one more guess'));
    // The right password waits too, and the account is untouched.
    expectRateLimited(await close(target, target.password));
    expect((await target.client.get('/api/me')).status).toBe(200);
    // Someone else closing their own account is not held up.
    expect((await close(bystander, bystander.password)).status).toBe(204);
  });

  describe('per IP address', () => {
    let served: ServedApp;

    beforeAll(async () => {
      const app = createHttpApp(server.server.services, {
        rateLimits: { windowMs: 60_000, signupPerIp: 2, loginPerIp: 3, loginPerEmail: 100 },
      });
      served = await serveApp(app);
    });
    afterAll(async () => {
      await served?.close();
    });

    it('limits sign-ups', async () => {
      const signup = () =>
        new HttpClient(served.url).post('/api/auth/signup', {
          name: 'Quick Fingers',
          email: uniqueEmail(),
          password: DEFAULT_PASSWORD,
        });
      expect((await signup()).status).toBe(201);
      expect((await signup()).status).toBe(201);
      expectRateLimited(await signup());
    });

    it('counts only failed sign-ins, across email addresses', async () => {
      const person = await buildUser(server);
      const client = new HttpClient(served.url);
      for (let i = 0; i < 5; i++) {
        expect((await client.post('/api/auth/login', { email: person.email, password: person.password })).status).toBe(
          200,
        );
      }
      for (let i = 0; i < 3; i++) {
        const res = await client.post('/api/auth/login', { email: uniqueEmail(), password: 'wrong password' });
        expect(res.status).toBe(401);
      }
      expectRateLimited(await client.post('/api/auth/login', { email: uniqueEmail(), password: 'wrong password' }));
    });
  });
});
