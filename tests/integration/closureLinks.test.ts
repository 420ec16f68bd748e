/**
 * Deleting an account with a link emailed to its own address, against a real
 * server and a real SMTP server: the way for someone who signs in with a school
 * account and has no Tandem password. Nothing happens until the link is
 * confirmed; then the account is closed exactly as with a password (signed out
 * everywhere, sockets closed, the partner keeps the notes and sees "Former
 * partner"). A link works once, and a newer one voids the older.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMER_PARTNER_NAME, PartnershipListResponseSchema } from '../../shared/api.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { backendsToTest } from '../helpers/backends.js';
import { realtimeCloseCode } from '../helpers/closeCodes.js';
import { buildMeeting } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { openRealtimeSocket } from '../helpers/realtimeClient.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { expectError } from '../helpers/errors.js';

const backends = await backendsToTest();

describe.each(backends)('deleting an account with an emailed link (%s)', (backend) => {
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it('closes an account without a password once the emailed link is confirmed', { timeout: 60_000 }, async () => {
    const { coach, teacher, partnership } = await buildMeeting(server);
    // A teacher who signs in with a school account only: no password of theirs would ever match.
    await server.server.services.db
      .updateTable('users')
      .set({ password_hash: 'none:oidc' })
      .where('id', '=', teacher.user.id)
      .execute();
    expectError(
      await teacher.client.request('DELETE', '/api/me', { body: { password: 'anything' } }),
      400,
      'validation_failed',
    );

    const asked = await teacher.client.post('/api/me/close-by-email');
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ sentTo: teacher.email });
    const mail = await smtp.next(teacher.email);
    expect(mail.subject).toBe('Delete your Tandem account');
    const link = linkIn(mail, `${server.url}/close-account/`);
    const token = decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

    // Nothing has happened yet: the account and its session still work.
    expect((await teacher.client.get('/api/me')).status).toBe(200);
    const socket = await openRealtimeSocket(server.url, teacher.cookie);
    const closed = realtimeCloseCode(socket);

    // Confirmed in another browser, signed out.
    const confirm = () => new HttpClient(server.url).post('/api/auth/account-closure/confirm', { token });
    expect((await confirm()).status).toBe(204);
    expect(await closed).toBe(CloseCode.Unauthenticated);
    expect((await teacher.client.get('/api/me')).status).toBe(401);
    const list = PartnershipListResponseSchema.parse((await coach.client.get('/api/partnerships')).body);
    const theirs = list.partnerships.find((p) => p.id === partnership.id);
    expect(theirs?.teacher).toEqual({ id: teacher.user.id, name: FORMER_PARTNER_NAME });
    expect(theirs?.closedAt).not.toBeNull();

    expectError(await confirm(), 410, 'link_expired');
  });

  it('honours only the newest link, and each once', async () => {
    const { coach } = await buildMeeting(server);
    const tokenOf = async () => {
      expect((await coach.client.post('/api/me/close-by-email')).status).toBe(200);
      const link = linkIn(await smtp.next(coach.email), `${server.url}/close-account/`);
      return decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));
    };
    const older = await tokenOf();
    const newer = await tokenOf();
    const confirm = (token: string) => new HttpClient(server.url).post('/api/auth/account-closure/confirm', { token });
    expectError(await confirm(older), 410, 'link_expired');
    expect((await coach.client.get('/api/me')).status).toBe(200);
    expectError(await confirm('not-a-link-at-all-but-long-enough-to-be-read'), 410, 'link_expired');
    expect((await confirm(newer)).status).toBe(204);
    expect((await coach.client.get('/api/me')).status).toBe(401);
  });

  it('refuses a signed-out request for a link', async () => {
    expectError(await new HttpClient(server.url).post('/api/me/close-by-email'), 401, 'unauthenticated');
  });
});
