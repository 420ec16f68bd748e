/**
 * The meeting room over socket.io: real server, real socket.io clients with
 * the session cookie, presence with roles, lifecycle events, refusals.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientEvent,
  JoinAckSchema,
  MeetingEndedSchema,
  MeetingStartedSchema,
  PartnershipCreatedSchema,
  PresenceSchema,
  ServerEvent,
  type Presence,
} from '../../shared/events.js';
import { buildMeeting, buildPartnership, buildUser } from '../helpers/factories.js';
import { connected, nextEvent, realtimeSocket, refused } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

const sockets: Socket[] = [];
function open(cookie: string | null, auth?: object): Socket {
  const socket = realtimeSocket(server.url, cookie, auth ? { auth } : {});
  sockets.push(socket);
  return socket;
}

const names = (p: Presence) => p.people.map((x) => `${x.name} (${x.role})`).sort();

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await server.stop();
});

describe('a new partnership', () => {
  it('tells both people the moment an invitation is accepted, and no one else', async () => {
    const coach = await buildUser(server, { name: 'Inviting Coach' });
    const teacher = await buildUser(server, { name: 'Accepting Teacher' });
    const outsider = await buildUser(server, { name: 'Someone Else' });
    const coachSocket = open(coach.cookie);
    const teacherSocket = open(teacher.cookie);
    const outsiderSocket = open(outsider.cookie);
    await Promise.all([connected(coachSocket), connected(teacherSocket), connected(outsiderSocket)]);
    const outsiderHeard: unknown[] = [];
    outsiderSocket.on(ServerEvent.PartnershipCreated, (payload: unknown) => outsiderHeard.push(payload));
    const parse = (v: unknown) => PartnershipCreatedSchema.parse(v);
    const coachHears = nextEvent(coachSocket, ServerEvent.PartnershipCreated, parse);
    const teacherHears = nextEvent(teacherSocket, ServerEvent.PartnershipCreated, parse);

    const { partnership } = await buildPartnership(server, { coach, teacher });
    expect(await coachHears).toEqual({ partnershipId: partnership.id });
    expect(await teacherHears).toEqual({ partnershipId: partnership.id });
    // Events reach each socket in order: a ping answered after them means the outsider's would have come.
    await outsiderSocket.timeout(5_000).emitWithAck(ClientEvent.LeaveMeeting, { meetingId: partnership.id });
    expect(outsiderHeard).toEqual([]);
  });
});

describe('meeting room events', () => {
  it('shows who is present, with their role, as people join and leave', async () => {
    const { meeting, coach, teacher } = await buildMeeting(server);
    const a = open(coach.cookie);
    await connected(a);
    const first = JoinAckSchema.parse(await a.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id }));
    expect(first.ok && names(first.presence)).toEqual([`${coach.user.name} (coach)`]);

    const b = open(teacher.cookie);
    await connected(b);
    const seenByCoach = nextEvent(
      a,
      ServerEvent.Presence,
      (v) => PresenceSchema.parse(v),
      (p) => p.people.length === 2,
    );
    const joined = JoinAckSchema.parse(await b.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id }));
    expect(joined.ok).toBe(true);
    expect(names(await seenByCoach)).toEqual([`${coach.user.name} (coach)`, `${teacher.user.name} (teacher)`].sort());

    const afterLeave = nextEvent(
      a,
      ServerEvent.Presence,
      (v) => PresenceSchema.parse(v),
      (p) => p.people.length === 1,
    );
    b.disconnect();
    expect(names(await afterLeave)).toEqual([`${coach.user.name} (coach)`]);
  });

  it('tells both partners when a meeting starts and ends', async () => {
    const partners = await buildPartnership(server);
    const t = open(partners.teacher.cookie);
    await connected(t);
    const started = nextEvent(t, ServerEvent.MeetingStarted, (v) => MeetingStartedSchema.parse(v));
    const { meeting } = await buildMeeting(server, partners);
    expect((await started).meetingId).toBe(meeting.id);

    const ended = nextEvent(t, ServerEvent.MeetingEnded, (v) => MeetingEndedSchema.parse(v));
    const res = await partners.coach.client.post(`/api/meetings/${meeting.id}/end`);
    expect(res.status).toBe(200);
    expect((await ended).meetingId).toBe(meeting.id);
  });

  it('refuses anonymous sockets, forged cookies and old protocol versions', async () => {
    const { coach } = await buildMeeting(server);
    expect(await refused(open(null))).toBe('unauthenticated');
    expect(await refused(open(`${coach.cookie.slice(0, -3)}xyz`))).toBe('unauthenticated');
    expect(await refused(open(coach.cookie, { v: 0 }))).toBe('unsupported_protocol');
  });

  it('never lets a stranger join a meeting room or learn who is in it', async () => {
    const { meeting, coach } = await buildMeeting(server);
    const a = open(coach.cookie);
    await connected(a);
    await a.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id });

    const stranger = await buildUser(server);
    const s = open(stranger.cookie);
    await connected(s);
    const ack = JoinAckSchema.parse(await s.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id }));
    expect(ack).toEqual({ ok: false, error: { id: 'not_found', message: 'No such meeting.' } });
    expect(JSON.stringify(ack)).not.toContain(coach.user.name);

    const bad = JoinAckSchema.parse(await s.emitWithAck(ClientEvent.JoinMeeting, { nope: 1 }));
    expect(bad.ok).toBe(false);
    // The server is still answering after bad input.
    const again = JoinAckSchema.parse(await a.emitWithAck(ClientEvent.JoinMeeting, { meetingId: meeting.id }));
    expect(again.ok).toBe(true);
  });
});
