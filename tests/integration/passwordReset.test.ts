/**
 * A forgotten password, end to end through a real SMTP server: the emailed link works once and for 30
 * minutes, setting the new password ends every session of the account with its open collaboration and
 * socket.io sockets, and the person signs in with it. Asking is answered alike whether or not an account
 * has the address, and is limited per address and per IP address.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { createHttpApp } from '../../server/http/app.js';
import { backendsToTest } from '../helpers/backends.js';
import { collabCloseCode, realtimeCloseCode } from '../helpers/closeCodes.js';
import { connectCollab, synced } from '../helpers/collabClient.js';
import { buildMeeting, buildUser, uniqueEmail, type MeetingFixture } from '../helpers/factories.js';
import { HttpClient, serveApp } from '../helpers/http.js';
import { openRealtimeSocket } from '../helpers/realtimeClient.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { expectError } from '../helpers/errors.js';

const backends = await backendsToTest();
const NEW_PASSWORD = 'a brand new passphrase';

describe.each(backends)('a forgotten password (%s)', (backend) => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let fixture: MeetingFixture;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url } });
    fixture = await buildMeeting(server);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const ask = (email: string, base = server.url) => new HttpClient(base).post('/api/auth/password-reset', { email });
  const setPassword = (token: string, password = NEW_PASSWORD) =>
    new HttpClient(server.url).post('/api/auth/password-reset/confirm', { token, password });
  const signIn = (email: string, password: string) =>
    new HttpClient(server.url).post('/api/auth/login', { email, password });
  /** The token in a reset email's link. */
  const tokenIn = (link: string) => decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

  it(
    'sets a new password from the emailed link, once, and ends every session and its sockets',
    { timeout: 60_000 },
    async () => {
      const { teacher, meeting } = fixture;
      const elsewhere = new HttpClient(server.url);
      expect(
        (await elsewhere.post('/api/auth/login', { email: teacher.email, password: teacher.password })).status,
      ).toBe(200);
      const collabs = [
        connectCollab(server, meeting.id, teacher.cookie),
        connectCollab(server, meeting.id, elsewhere.cookie),
      ];
      await Promise.all(collabs.map(synced));
      const sockets = [
        await openRealtimeSocket(server.url, teacher.cookie),
        await openRealtimeSocket(server.url, elsewhere.cookie),
      ];
      const closes = [...collabs.map(collabCloseCode), ...sockets.map(realtimeCloseCode)];

      // Typed as people type it: the address is matched whatever its case.
      expect((await ask(`  ${teacher.email.toUpperCase()} `)).status).toBe(204);
      const mail = await smtp.next(teacher.email);
      expect(mail.subject).toBe('Set a new Tandem password');
      expect(mail.text).toContain(`Hello ${teacher.user.name},`);
      expect(mail.text).toContain('30 minutes');
      const link = linkIn(mail, `${server.url}/reset-password/`);
      expect(mail.html).toContain(`href="${link}"`);
      const token = tokenIn(link);

      // Stored hashed, valid for 30 minutes.
      const rows = await server.server.services.db
        .selectFrom('account_tokens')
        .selectAll()
        .where('user_id', '=', teacher.user.id)
        .execute();
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(JSON.stringify(row)).not.toContain(token.slice(22));
      expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(LIMITS.passwordResetLifetimeMs);

      // Too short a password: nothing used up.
      const short = await setPassword(token, 'short');
      expectError(short, 400, 'validation_failed');
      expect(ErrorBodySchema.parse(short.body).error.fields?.password).toBe('Use at least 10 characters');

      expect((await setPassword(token)).status).toBe(204);
      // Within a second of the answer (hashing the new password comes before it).
      const answered = performance.now();
      expect(await Promise.all(closes)).toEqual(Array(4).fill(CloseCode.Unauthenticated));
      expect(performance.now() - answered).toBeLessThan(1000);
      expect((await teacher.client.get('/api/me')).status).toBe(401);
      expect((await elsewhere.get('/api/me')).status).toBe(401);

      expect((await signIn(teacher.email, teacher.password)).status).toBe(401);
      expect((await signIn(teacher.email, NEW_PASSWORD)).status).toBe(200);
      // The link worked once.
      expectError(await setPassword(token, 'yet another passphrase'), 410, 'link_expired');
      expect((await signIn(teacher.email, NEW_PASSWORD)).status).toBe(200);
      for (const c of collabs) c.destroy();
      for (const s of sockets) s.disconnect();
    },
  );

  it('refuses a link after 30 minutes, and an older link once a newer one is sent', { timeout: 60_000 }, async () => {
    const person = await buildUser(server);
    expect((await ask(person.email)).status).toBe(204);
    const older = tokenIn(linkIn(await smtp.next(person.email), `${server.url}/reset-password/`));
    expect((await ask(person.email)).status).toBe(204);
    const newer = tokenIn(linkIn(await smtp.next(person.email), `${server.url}/reset-password/`));
    expectError(await setPassword(older), 410, 'link_expired');

    // Thirty minutes pass.
    const lapsed = new Date(Date.now() - 1000).toISOString();
    await server.server.services.db
      .updateTable('account_tokens')
      .set({ expires_at: lapsed })
      .where('user_id', '=', person.user.id)
      .execute();
    expectError(await setPassword(newer), 410, 'link_expired');
    expect((await person.client.get('/api/me')).status).toBe(200);
    expect((await signIn(person.email, person.password)).status).toBe(200);

    // Made-up and malformed links get the same answer.
    expectError(await setPassword('made.up'), 410, 'link_expired');
    expectError(await setPassword(newer.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), 410, 'link_expired');
    expectError(await setPassword(newer.slice(0, 22)), 410, 'link_expired');
  });

  it(
    'answers the same for an address with no account, and sends that address nothing',
    { timeout: 60_000 },
    async () => {
      const person = await buildUser(server);
      const nobody = uniqueEmail('nobody');
      const known = await ask(person.email);
      const unknown = await ask(nobody);
      expect(unknown.status).toBe(known.status);
      expect(unknown.body).toEqual(known.body);
      expect(unknown.headers.get('content-length')).toBe(known.headers.get('content-length'));
      expect(known.status).toBe(204);
      // Whatever was to be sent has been sent.
      await server.server.services.mail.idle();
      await smtp.next(person.email);
      expect(smtp.received.filter((m) => m.to.includes(nobody))).toEqual([]);
      // A closed account has no password to reset either.
      const leaving = await buildUser(server);
      expect((await leaving.client.request('DELETE', '/api/me', { body: { password: leaving.password } })).status).toBe(
        204,
      );
      expect((await ask(leaving.email)).status).toBe(204);
      await server.server.services.mail.idle();
      expect(smtp.received.filter((m) => m.to.includes(leaving.email))).toEqual([]);
    },
  );

  it('limits requests per address, account or not', { timeout: 60_000 }, async () => {
    const person = await buildUser(server);
    for (const email of [person.email, uniqueEmail('nobody')]) {
      for (let i = 0; i < LIMITS.passwordResetsPerAddress; i++) expect((await ask(email)).status).toBe(204);
      const limited = await ask(email);
      expectError(limited, 429, 'rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Someone else is not held up.
    expect((await ask(uniqueEmail('other'))).status).toBe(204);
    await server.server.services.mail.idle();
    expect(smtp.received.filter((m) => m.to.includes(person.email))).toHaveLength(LIMITS.passwordResetsPerAddress);
  });

  it('limits requests per IP address, across addresses', { timeout: 60_000 }, async () => {
    const app = createHttpApp(server.server.services, {
      rateLimits: { windowMs: 60_000, signupPerIp: 100, loginPerIp: 100, loginPerEmail: 100, resetPerIp: 2 },
    });
    const served = await serveApp(app);
    try {
      expect((await ask(uniqueEmail(), served.url)).status).toBe(204);
      expect((await ask(uniqueEmail(), served.url)).status).toBe(204);
      expectError(await ask(uniqueEmail(), served.url), 429, 'rate_limited');
    } finally {
      await served.close();
    }
  });
});

describe('where an emailed link points, in production without PUBLIC_URL', () => {
  it('refuses to email a link through SMTP (the request’s Host could be anyone’s), but writes one into the outbox', async () => {
    const smtp = await startSmtpServer();
    const withSmtp = await startTestServer({ env: { NODE_ENV: 'production', SMTP_URL: smtp.url } });
    const outbox = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      const person = await buildUser(withSmtp);
      const refused = await new HttpClient(withSmtp.url).post('/api/auth/password-reset', { email: person.user.email });
      expectError(refused, 503, 'mail_unavailable');
      expect(smtp.received).toHaveLength(0);

      const someone = await buildUser(outbox);
      const lines: string[] = [];
      const asked = await new HttpClient(outbox.url).post('/api/auth/password-reset', { email: someone.user.email });
      expect(asked.status).toBe(204);
      // The outbox is the data directory's; the link in it is to the address the request came to.
      await outbox.server.services.mail.idle();
      for (const file of readdirSync(outbox.config.outboxDir)) {
        lines.push(readFileSync(path.join(outbox.config.outboxDir, file), 'utf8'));
      }
      expect(lines.join('\n')).toContain(`${outbox.url}/reset-password/`);
    } finally {
      await withSmtp.stop();
      await outbox.stop();
      await smtp.stop();
    }
  });
});
