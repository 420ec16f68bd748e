/**
 * Accounts over HTTP: sign up, sign in, sign out, who am I, and the errors a
 * person can meet on the way. Real server, real database, both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, UserResponseSchema } from '../../shared/api.js';
import { SESSION_COOKIE } from '../../server/auth/sessionCookie.js';
import { backendsToTest } from '../helpers/backends.js';
import { buildUser, DEFAULT_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('accounts over HTTP (%s)', (backend) => {
  let server: TestServer;
  const anonymous = () => new HttpClient(server.url);

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('sign up', () => {
    it('creates the account, signs the person in and sets a safe session cookie', async () => {
      const client = anonymous();
      const email = uniqueEmail('Signup');
      const res = await client.post('/api/auth/signup', { name: '  Amira Khan ', email, password: DEFAULT_PASSWORD });

      expect(res.status).toBe(201);
      const { user } = UserResponseSchema.parse(res.body);
      expect(user).toEqual({ id: expect.any(String), name: 'Amira Khan', email: email.toLowerCase() });
      expect(JSON.stringify(res.body)).not.toContain(DEFAULT_PASSWORD);

      const [setCookie] = res.headers.getSetCookie();
      expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+`));
      expect(setCookie).toMatch(/;\s*HttpOnly/i);
      expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
      expect(setCookie).toMatch(/;\s*Path=\//i);
      // Served over plain http here, so the cookie must not be Secure or the browser would drop it.
      expect(setCookie).not.toMatch(/;\s*Secure/i);

      const me = await client.get('/api/me');
      expect(me.status).toBe(200);
      expect(UserResponseSchema.parse(me.body).user).toEqual(user);
    });

    it('refuses an email that already has an account, whatever its case', async () => {
      const { email } = await buildUser(server);
      const res = await anonymous().post('/api/auth/signup', {
        name: 'Someone Else',
        email: email.toUpperCase(),
        password: DEFAULT_PASSWORD,
      });
      expect(res.status).toBe(409);
      expect(ErrorBodySchema.parse(res.body).error.id).toBe('email_taken');
    });

    it('names every field that needs another look', async () => {
      const res = await anonymous().post('/api/auth/signup', { name: '   ', email: 'not-an-email', password: 'short' });
      expect(res.status).toBe(400);
      const { error } = ErrorBodySchema.parse(res.body);
      expect(error.id).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name', 'password']);
      expect(error.fields).toEqual({
        name: 'Enter your name',
        email: 'Enter a valid email address',
        password: 'Use at least 10 characters',
      });
    });

    it('names missing and wrongly typed fields too', async () => {
      const missing = await anonymous().post('/api/auth/signup', {});
      expect(missing.status).toBe(400);
      expect(ErrorBodySchema.parse(missing.body).error.fields).toEqual({
        name: 'This is required',
        email: 'This is required',
        password: 'This is required',
      });

      const wrongTypes = await anonymous().post('/api/auth/signup', { name: 42, email: uniqueEmail(), password: true });
      expect(wrongTypes.status).toBe(400);
      const fields = ErrorBodySchema.parse(wrongTypes.body).error.fields ?? {};
      expect(Object.keys(fields).sort()).toEqual(['name', 'password']);
    });

    it('treats a request without a JSON body as having no fields', async () => {
      const res = await anonymous().request('POST', '/api/auth/signup', {
        rawBody: 'name=Amira',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.status).toBe(400);
      expect(Object.keys(ErrorBodySchema.parse(res.body).error.fields ?? {}).sort()).toEqual([
        'email',
        'name',
        'password',
      ]);
    });
  });

  describe('sign in', () => {
    it('signs in with the right password, ignoring the case of the email', async () => {
      const { email, password, user } = await buildUser(server);
      const client = anonymous();
      const res = await client.post('/api/auth/login', { email: email.toUpperCase(), password });
      expect(res.status).toBe(200);
      expect(UserResponseSchema.parse(res.body).user).toEqual(user);
      expect(client.cookie).not.toBeNull();
      expect((await client.get('/api/me')).status).toBe(200);
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const { email } = await buildUser(server);
      const wrongPassword = await anonymous().post('/api/auth/login', { email, password: 'not the password' });
      const unknownEmail = await anonymous().post('/api/auth/login', {
        email: uniqueEmail('nobody'),
        password: 'not the password',
      });

      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.body).toEqual(unknownEmail.body);
      expect(ErrorBodySchema.parse(wrongPassword.body).error.id).toBe('invalid_credentials');
      expect(wrongPassword.headers.getSetCookie()).toEqual([]);
    });

    it('names the fields of an invalid sign-in', async () => {
      const res = await anonymous().post('/api/auth/login', { email: 'nope', password: '' });
      expect(res.status).toBe(400);
      expect(Object.keys(ErrorBodySchema.parse(res.body).error.fields ?? {}).sort()).toEqual(['email', 'password']);
    });
  });

  describe('sign out and who am I', () => {
    it('answers 401 to someone not signed in', async () => {
      const res = await anonymous().get('/api/me');
      expect(res.status).toBe(401);
      expect(ErrorBodySchema.parse(res.body).error.id).toBe('unauthenticated');
    });

    it('refuses a forged or tampered cookie', async () => {
      const { cookie } = await buildUser(server);
      const forged = anonymous();
      forged.cookie = `${SESSION_COOKIE}=made-up-token.made-up-signature`;
      expect((await forged.get('/api/me')).status).toBe(401);

      const tampered = anonymous();
      const [name, value = ''] = cookie.split('=');
      tampered.cookie = `${name}=${value.startsWith('x') ? 'y' : 'x'}${value.slice(1)}`;
      expect((await tampered.get('/api/me')).status).toBe(401);
    });

    it('ends the session on sign-out, so the old cookie stops working', async () => {
      const { client, cookie } = await buildUser(server);
      const res = await client.post('/api/auth/logout');
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
      expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));
      expect(client.cookie).toBeNull();

      const replay = anonymous();
      replay.cookie = cookie;
      expect((await replay.get('/api/me')).status).toBe(401);
    });

    it('lets someone already signed out sign out again', async () => {
      expect((await anonymous().post('/api/auth/logout')).status).toBe(204);
    });

    it('keeps other sessions of the same person when one signs out', async () => {
      const first = await buildUser(server);
      const second = anonymous();
      await second.post('/api/auth/login', { email: first.email, password: first.password });
      await first.client.post('/api/auth/logout');
      expect((await second.get('/api/me')).status).toBe(200);
    });
  });
});
