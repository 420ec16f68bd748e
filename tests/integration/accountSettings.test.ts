/**
 * Account settings against a real server and a real SMTP server: a new name reaches the partner's open
 * tab at once; a new password ends every other session with its sockets and keeps this one; a new email
 * address takes effect only once the link sent to it is followed, and the old address is told; an
 * invitation sent by email is accepted from the link in the received mail. On PostgreSQL, a sign-up with the
 * new address that commits while the change is being made gets the change a 409, not a 500.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountServerEvent, PersonRenamedSchema } from '../../shared/accountMail.js';
import {
  CreateInviteResponseSchema,
  PartnershipListResponseSchema,
  PartnershipResponseSchema,
  UserResponseSchema,
} from '../../shared/api.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { PresenceSchema, ServerEvent } from '../../shared/events.js';
import { backendsToTest } from '../helpers/backends.js';
import { collabCloseCode, realtimeCloseCode } from '../helpers/closeCodes.js';
import { connectCollab, synced } from '../helpers/collabClient.js';
import { buildMeeting, buildUser, uniqueEmail } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { joinMeeting, nextEvent, openRealtimeSocket } from '../helpers/realtimeClient.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { expectError } from '../helpers/errors.js';

const backends = await backendsToTest();

describe.each(backends)('account settings (%s)', (backend) => {
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

  const signIn = (email: string, password: string) =>
    new HttpClient(server.url).post('/api/auth/login', { email, password });

  it('tells the partner a new name at once, in the meeting they both have open', { timeout: 60_000 }, async () => {
    const { coach, teacher, meeting, partnership } = await buildMeeting(server);
    const partnerTab = await openRealtimeSocket(server.url, coach.cookie);
    const ownTab = await openRealtimeSocket(server.url, teacher.cookie);
    await joinMeeting(ownTab, meeting.id);
    await joinMeeting(partnerTab, meeting.id);
    const renamed = nextEvent(partnerTab, AccountServerEvent.PersonRenamed, (v) => PersonRenamedSchema.parse(v));
    const presence = nextEvent(
      partnerTab,
      ServerEvent.Presence,
      (v) => PresenceSchema.parse(v),
      (p) => p.people.some((person) => person.name === 'Tomasz Rydell-Okafor'),
    );

    const invalid = await teacher.client.request('PUT', '/api/me/name', { body: { name: '   ' } });
    expect(expectError(invalid, 400, 'validation_failed').name).toBe('Enter your name');

    const res = await teacher.client.request('PUT', '/api/me/name', { body: { name: '  Tomasz Rydell-Okafor ' } });
    expect(res.status).toBe(200);
    expect(UserResponseSchema.parse(res.body).user.name).toBe('Tomasz Rydell-Okafor');
    expect(await renamed).toEqual({ userId: teacher.user.id, name: 'Tomasz Rydell-Okafor' });
    expect((await presence).people.find((p) => p.userId === teacher.user.id)?.name).toBe('Tomasz Rydell-Okafor');

    const list = PartnershipListResponseSchema.parse((await coach.client.get('/api/partnerships')).body);
    expect(list.partnerships.find((p) => p.id === partnership.id)?.teacher.name).toBe('Tomasz Rydell-Okafor');
    expect(UserResponseSchema.parse((await teacher.client.get('/api/me')).body).user.name).toBe('Tomasz Rydell-Okafor');
    partnerTab.disconnect();
    ownTab.disconnect();
  });

  it(
    'changes the password with the current one, ending every other session and its sockets',
    { timeout: 60_000 },
    async () => {
      const { teacher, meeting } = await buildMeeting(server);
      const elsewhere = new HttpClient(server.url);
      expect(
        (await elsewhere.post('/api/auth/login', { email: teacher.email, password: teacher.password })).status,
      ).toBe(200);
      const here = connectCollab(server, meeting.id, teacher.cookie);
      const there = connectCollab(server, meeting.id, elsewhere.cookie);
      await Promise.all([synced(here), synced(there)]);
      const hereTab = await openRealtimeSocket(server.url, teacher.cookie);
      const thereTab = await openRealtimeSocket(server.url, elsewhere.cookie);
      const closed = Promise.all([collabCloseCode(there), realtimeCloseCode(thereTab)]);

      const change = (currentPassword: string, newPassword: string) =>
        teacher.client.request('PUT', '/api/me/password', { body: { currentPassword, newPassword } });
      expect(expectError(await change('not my password', 'a fresh passphrase'), 400, 'validation_failed')).toEqual({
        currentPassword: 'That is not your current password',
      });
      expect(expectError(await change(teacher.password, 'short'), 400, 'validation_failed').newPassword).toBe(
        'Use at least 10 characters',
      );
      expect((await elsewhere.get('/api/me')).status).toBe(200);

      expect((await change(teacher.password, 'a fresh passphrase')).status).toBe(204);
      // Within a second of the answer (checking and hashing the passwords come before it).
      const answered = performance.now();
      expect(await closed).toEqual([CloseCode.Unauthenticated, CloseCode.Unauthenticated]);
      expect(performance.now() - answered).toBeLessThan(1000);
      expect((await elsewhere.get('/api/me')).status).toBe(401);
      // This session and its sockets stay.
      expect((await teacher.client.get('/api/me')).status).toBe(200);
      expect(hereTab.connected).toBe(true);
      expect(here.provider.wsconnected).toBe(true);
      expect((await signIn(teacher.email, teacher.password)).status).toBe(401);
      expect((await signIn(teacher.email, 'a fresh passphrase')).status).toBe(200);
      for (const c of [here, there]) c.destroy();
      for (const s of [hereTab, thereTab]) s.disconnect();
    },
  );

  it(
    'changes the email address only once the link sent to it is followed, and tells the old one',
    { timeout: 60_000 },
    async () => {
      const person = await buildUser(server, { name: 'Aoife Brennan' });
      const taken = await buildUser(server);
      const newEmail = uniqueEmail('moved');
      const ask = (email: string, password = person.password) =>
        person.client.post('/api/me/email', { email, password });

      expect(expectError(await ask(newEmail, 'not my password'), 400, 'validation_failed').password).toBe(
        'That is not your current password',
      );
      expect(expectError(await ask(person.email), 400, 'validation_failed').email).toBe(
        'That is already your email address',
      );
      expectError(await ask(taken.email), 409, 'email_taken');

      const res = await ask(newEmail.toUpperCase());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ sentTo: newEmail });
      const mail = await smtp.next(newEmail);
      expect(mail.subject).toBe('Confirm your new email address for Tandem');
      expect(mail.text).toContain('Hello Aoife Brennan,');
      const link = linkIn(mail, `${server.url}/confirm-email/`);
      const token = decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

      // Nothing has changed yet.
      expect((await signIn(newEmail, person.password)).status).toBe(401);
      expect(UserResponseSchema.parse((await person.client.get('/api/me')).body).user.email).toBe(person.email);

      // Followed in another browser, signed out.
      const confirm = () => new HttpClient(server.url).post('/api/auth/email-change/confirm', { token });
      const confirmed = await confirm();
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toEqual({ email: newEmail });
      const notice = await smtp.next(person.email);
      expect(notice.subject).toBe('Your Tandem email address has changed');
      expect(notice.text).toContain(newEmail);

      expect(UserResponseSchema.parse((await person.client.get('/api/me')).body).user.email).toBe(newEmail);
      expect((await signIn(newEmail, person.password)).status).toBe(200);
      expect((await signIn(person.email, person.password)).status).toBe(401);
      expectError(await confirm(), 410, 'link_expired');
    },
  );

  // Only PostgreSQL runs two writers at once; SQLite's one connection takes the sign-up and the change in turn.
  if (backend === 'postgres') {
    it('answers 409 when someone signs up with the new address while the link is followed', async () => {
      const person = await buildUser(server, { name: 'Aoife Brennan' });
      const newEmail = uniqueEmail('raced');
      expect((await person.client.post('/api/me/email', { email: newEmail, password: person.password })).status).toBe(
        200,
      );
      const link = linkIn(await smtp.next(newEmail), `${server.url}/confirm-email/`);
      const token = decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

      // A sign-up with that address, written but not yet committed when the change checks for it.
      const { db } = server.server.services;
      let commit!: () => void;
      let written!: () => void;
      const signedUp = new Promise<void>((resolve) => (written = resolve));
      const signUp = db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id: randomUUID(),
            name: 'Someone Else',
            email: newEmail,
            password_hash: 'x',
            created_at: new Date().toISOString(),
            deleted_at: null,
          })
          .execute();
        written();
        await new Promise<void>((resolve) => (commit = resolve));
      });
      await signedUp;
      const confirming = new HttpClient(server.url).post('/api/auth/email-change/confirm', { token });
      // The change waits on the unique index for the sign-up to decide.
      await expect
        .poll(async () => {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
          return rows[0]?.n ?? 0;
        })
        .toBeGreaterThan(0);
      commit();
      await signUp;
      expectError(await confirming, 409, 'email_taken');
      expect(UserResponseSchema.parse((await person.client.get('/api/me')).body).user.email).toBe(person.email);
    });
  }

  it('emails an invitation, accepted from the link in the received mail', { timeout: 60_000 }, async () => {
    const coach = await buildUser(server, { name: 'Sam <O’Neil> & Co' });
    const address = uniqueEmail('invited');
    const res = await coach.client.post('/api/invites', { role: 'coach', email: address });
    expect(res.status).toBe(201);
    const created = CreateInviteResponseSchema.parse(res.body);
    expect(created.emailedTo).toBe(address);

    const mail = await smtp.next(address);
    expect(mail.subject).toBe('Sam <O’Neil> & Co has invited you to Tandem');
    expect(mail.text).toContain('with them as your coach and you as their teacher');
    expect(mail.text).toContain('when the invitation expires');
    // The HTML is escaped: the name is text, not markup.
    expect(mail.html).toContain('Sam &lt;O’Neil&gt; &amp; Co');
    expect(mail.html).not.toContain('<O’Neil>');
    const link = linkIn(mail, `${server.url}/invite/`);
    expect(link).toBe(created.url);

    const teacher = await buildUser(server, { email: address });
    const accepted = await teacher.client.post(`/api/invites/${link.slice(link.lastIndexOf('/') + 1)}/accept`);
    expect(accepted.status).toBe(201);
    const { partnership } = PartnershipResponseSchema.parse(accepted.body);
    expect(partnership.coach.name).toBe('Sam <O’Neil> & Co');
    expect(partnership.myRole).toBe('teacher');

    // Without an address, nothing is sent.
    const plain = CreateInviteResponseSchema.parse((await coach.client.post('/api/invites', { role: 'coach' })).body);
    expect(plain.emailedTo).toBeUndefined();
  });
});
