/**
 * `DELETE /api/me`: closing an account. The person is signed out everywhere and
 * their name, email and password are gone; the partner they leave keeps every
 * note they wrote together, sees "Former partner" where the name was, can keep
 * editing, and cannot start new meetings in the closed partnership.
 */
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorBodySchema,
  FORMER_PARTNER_NAME,
  MeetingListResponseSchema,
  PartnershipListResponseSchema,
  PartnershipResponseSchema,
  UserResponseSchema,
} from '../../shared/api.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { sectionText } from '../../shared/docText.js';
import { ClientEvent, JoinAckSchema, PresenceSchema, ServerEvent } from '../../shared/events.js';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, connectCollab, synced, upgradeStatus, waitForDoc } from '../helpers/collabClient.js';
import { buildMeeting, buildPartnership, buildUser, type MeetingFixture } from '../helpers/factories.js';
import { HttpClient } from '../helpers/http.js';
import { downloadExport, rawRequest, writeSections } from '../helpers/privacy.js';
import { connected, realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const backends = await backendsToTest();

describe.each(backends)('closing an account (%s)', (backend) => {
  let server: TestServer;
  const sockets: Socket[] = [];

  async function openSocket(cookie: string): Promise<Socket> {
    const socket = realtimeSocket(server.url, cookie);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const deleteAccount = (client: HttpClient, body: unknown) => client.request('DELETE', '/api/me', { body });

  it('asks for the right password and changes nothing without it', async () => {
    const { teacher, partnership } = await buildPartnership(server);
    const missing = await deleteAccount(teacher.client, {});
    expect(missing.status).toBe(400);
    expect(ErrorBodySchema.parse(missing.body).error.fields).toHaveProperty('password');

    const wrong = await deleteAccount(teacher.client, { password: 'not my password at all' });
    expect(wrong.status).toBe(400);
    expect(ErrorBodySchema.parse(wrong.body).error).toMatchObject({
      id: 'validation_failed',
      fields: { password: 'That is not your password' },
    });

    expect((await teacher.client.get('/api/me')).status).toBe(200);
    const still = PartnershipResponseSchema.parse(
      (await teacher.client.get(`/api/partnerships/${partnership.id}`)).body,
    );
    expect(still.partnership.closedAt).toBeNull();
    expect(still.partnership.teacher.name).toBe(teacher.user.name);
  });

  it('asks someone not signed in to sign in', async () => {
    const res = await deleteAccount(new HttpClient(server.url), { password: 'whatever it is' });
    expect(res.status).toBe(401);
  });

  describe('once a teacher has closed their account', () => {
    let fixture: MeetingFixture;
    let teacherMeetingId: string;
    let teacherName: string;
    let coachSocket: Socket;
    let teacherFeedUrl: string;

    beforeAll(async () => {
      const coach = await buildUser(server, { name: 'Beatrix Holloway' });
      const teacher = await buildUser(server, { name: 'Dmitri Castellano' });
      teacherName = teacher.user.name;
      fixture = await buildMeeting(server, await buildPartnership(server, { coach, teacher }), {
        title: 'Cold calling',
      });
      await writeSections(server, fixture.meeting.id, teacher.cookie, { goal: 'Teacher wrote this goal' });
      await writeSections(server, fixture.meeting.id, coach.cookie, { currentReality: 'Coach wrote this' });
      teacherMeetingId = (
        await buildMeeting(server, fixture, { title: 'Started by the teacher', startedBy: 'teacher' })
      ).meeting.id;
      // A calendar feed, reminder settings and a reminder falling due: none may outlive the account.
      const feed = await teacher.client.post('/api/me/calendar');
      expect(feed.status).toBe(201);
      teacherFeedUrl = (feed.body as { url: string }).url;
      expect(
        (
          await teacher.client.request('PUT', '/api/me/reminders', {
            body: { meetingDayBefore: true, checkBack: false },
          })
        ).status,
      ).toBe(200);
      const inThreeDays = new Date(Date.now() + 3 * 24 * 60 * 60_000).toISOString();
      const scheduled = await teacher.client.request(
        'PUT',
        `/api/partnerships/${fixture.partnership.id}/next-meeting`,
        {
          body: { startsAt: inThreeDays },
        },
      );
      expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    });

    it('signs them out of every live socket and tells the partner they left', async () => {
      const { coach, teacher, meeting } = fixture;
      coachSocket = await openSocket(coach.cookie);
      const teacherSocket = await openSocket(teacher.cookie);
      await coachSocket.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id });
      const joined = JoinAckSchema.parse(
        await teacherSocket.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id }),
      );
      expect(joined.ok && joined.presence.people).toHaveLength(2);
      const collab = connectCollab(server, meeting.id, teacher.cookie);
      await synced(collab);

      const collabClosed = new Promise<number>((resolve) =>
        collab.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
      );
      // Its session ended: the socket.io WebSocket closes with 4401, as the collaboration socket does.
      const socketGone = new Promise<number>((resolve) =>
        teacherSocket.once('disconnect', (_reason, details) =>
          resolve((details as { context?: { code?: number } } | undefined)?.context?.code ?? 0),
        ),
      );
      const alone = new Promise<unknown>((resolve) => {
        const on = (payload: unknown) => {
          if (PresenceSchema.parse(payload).people.length !== 1) return;
          coachSocket.off(ServerEvent.Presence, on);
          resolve(payload);
        };
        coachSocket.on(ServerEvent.Presence, on);
      });

      const res = await teacher.client.request('DELETE', '/api/me', { body: { password: teacher.password } });
      expect(res.status).toBe(204);
      expect(teacher.client.cookie).toBeNull(); // the response cleared the cookie

      expect(await collabClosed).toBe(CloseCode.Unauthenticated);
      expect(await socketGone).toBe(CloseCode.Unauthenticated);
      expect(PresenceSchema.parse(await alone).people).toEqual([
        { userId: coach.user.id, name: coach.user.name, role: 'coach' },
      ]);
      collab.destroy();
    });

    it('lets the old session do nothing more, anywhere', async () => {
      const old = new HttpClient(server.url);
      old.cookie = fixture.teacher.cookie;
      expect((await old.get('/api/me')).status).toBe(401);
      expect((await old.get(`/api/meetings/${fixture.meeting.id}`)).status).toBe(401);
      expect(await upgradeStatus(server, `/collab/${fixture.meeting.id}`, { cookie: fixture.teacher.cookie })).toBe(
        401,
      );
    });

    it('will not sign them in again', async () => {
      const res = await new HttpClient(server.url).post('/api/auth/login', {
        email: fixture.teacher.email,
        password: fixture.teacher.password,
      });
      expect(res.status).toBe(401);
      expect(ErrorBodySchema.parse(res.body).error.id).toBe('invalid_credentials');
    });

    it('shows the partner "Former partner" in the partnership and in the meetings they started', async () => {
      const { coach, partnership } = fixture;
      const list = PartnershipListResponseSchema.parse((await coach.client.get('/api/partnerships')).body);
      const closed = list.partnerships.find((p) => p.id === partnership.id);
      expect(closed?.teacher).toEqual({ id: fixture.teacher.user.id, name: FORMER_PARTNER_NAME });
      expect(closed?.closedAt).not.toBeNull();

      const meetings = MeetingListResponseSchema.parse(
        (await coach.client.get(`/api/partnerships/${partnership.id}/meetings`)).body,
      ).meetings;
      expect(meetings.find((m) => m.id === teacherMeetingId)?.createdBy.name).toBe(FORMER_PARTNER_NAME);
      expect(JSON.stringify(list) + JSON.stringify(meetings)).not.toContain(teacherName);
    });

    it('keeps every shared note, and the partner can still edit them', async () => {
      const client = connectCollab(server, fixture.meeting.id, fixture.coach.cookie);
      try {
        await synced(client);
        expect(sectionText(client.doc, 'goal')).toBe('Teacher wrote this goal');
        expect(sectionText(client.doc, 'currentReality')).toBe('Coach wrote this');
        client.doc.get('practicePlan', Y.XmlText).insert(0, 'Rehearse on Thursday');
        await allSaved(client);
      } finally {
        client.destroy();
      }
      const again = connectCollab(server, fixture.meeting.id, fixture.coach.cookie);
      try {
        await waitForDoc(again.doc, (d) => sectionText(d, 'practicePlan') === 'Rehearse on Thursday', 'stored edit');
      } finally {
        again.destroy();
      }
    });

    it('refuses to start a new meeting in the closed partnership, saying why', async () => {
      const res = await fixture.coach.client.post(`/api/partnerships/${fixture.partnership.id}/meetings`, {});
      expect(res.status).toBe(409);
      const { error } = ErrorBodySchema.parse(res.body);
      expect(error.id).toBe('partnership_closed');
      expect(error.message).toMatch(/closed their Tandem account/);
      // Ending a meeting that is still open is still fine.
      expect((await fixture.coach.client.post(`/api/meetings/${fixture.meeting.id}/end`)).status).toBe(200);
    });

    it('keeps nothing personal: no name, email, sessions or invitations', async () => {
      const { db } = server.server.services;
      const row = await db.selectFrom('users').selectAll().where('id', '=', fixture.teacher.user.id).executeTakeFirst();
      expect(row).toMatchObject({ name: FORMER_PARTNER_NAME });
      expect(row?.deleted_at).not.toBeNull();
      expect(row?.email).not.toContain(fixture.teacher.email.split('@')[0]);
      expect(row?.password_hash).not.toMatch(/^scrypt\$/);
      const byOldDetails = await db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb.or([eb('email', '=', fixture.teacher.email), eb('name', '=', teacherName)]))
        .execute();
      expect(byOldDetails).toEqual([]);
      const sessions = await db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', fixture.teacher.user.id)
        .execute();
      expect(sessions).toEqual([]);
      const invites = await db
        .selectFrom('invites')
        .select('id')
        .where((eb) =>
          eb.or([eb('inviter_id', '=', fixture.teacher.user.id), eb('accepted_by', '=', fixture.teacher.user.id)]),
        )
        .execute();
      expect(invites).toEqual([]);
      const userId = fixture.teacher.user.id;
      for (const table of ['calendar_links', 'reminders', 'reminder_settings'] as const) {
        const rows = await db.selectFrom(table).select('user_id').where('user_id', '=', userId).execute();
        expect(rows, table).toEqual([]);
      }
      expect((await fetch(teacherFeedUrl)).status).toBe(404);
    });

    it("gives the partner an export with the notes and without the former partner's name", async () => {
      const { data, res } = await downloadExport(server, fixture.coach.cookie);
      const partnership = data.partnerships.find((p) => p.id === fixture.partnership.id);
      expect(partnership?.teacher.name).toBe(FORMER_PARTNER_NAME);
      expect(partnership?.closedAt).not.toBeNull();
      const goal = partnership?.meetings[0]?.sections.find((s) => s.id === 'goal');
      expect(goal?.text).toBe('Teacher wrote this goal');
      expect(res.text).not.toContain(teacherName);
      expect(res.text).not.toContain(fixture.teacher.email);
    });

    it('frees the email address for a new account, which starts with nothing', async () => {
      const again = new HttpClient(server.url);
      const res = await again.post('/api/auth/signup', {
        name: 'Dmitri Again',
        email: fixture.teacher.email,
        password: 'a brand new password',
      });
      expect(res.status).toBe(201);
      expect(UserResponseSchema.parse(res.body).user.id).not.toBe(fixture.teacher.user.id);
      const list = PartnershipListResponseSchema.parse((await again.get('/api/partnerships')).body);
      expect(list.partnerships).toEqual([]);
      expect((await again.get(`/api/meetings/${fixture.meeting.id}`)).status).toBe(404);
      const exported = await rawRequest(server.url, 'GET', '/api/me/export', { cookie: again.cookie });
      expect(exported.text).not.toContain('Teacher wrote this goal');
    });
  });
});
