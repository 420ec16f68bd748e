/**
 * The coaching cycle over socket.io: "I agree" with an acknowledgement, the
 * partner told at once; cycle changes told to the partnership; "Look at this"
 * passed to the partner under the asker's real name, whatever the client says.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stepHash } from '../../shared/actionStep.js';
import {
  AckSchema,
  CoachingChangedSchema,
  CycleChangedSchema,
  CycleClientEvent,
  CycleServerEvent,
  LookAtThisSchema,
} from '../../shared/cycleEvents.js';

import { coachingOf, writeSection } from '../helpers/coaching.js';
import { buildMeeting, buildUser } from '../helpers/factories.js';
import { connected, joinMeeting, nextEvent, realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
const sockets: Socket[] = [];

async function open(cookie: string): Promise<Socket> {
  const socket = realtimeSocket(server.url, cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await server.stop();
});

describe('coaching events', () => {
  it('takes "I agree" with an acknowledgement and tells the partner at once', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'actionStep', 'Cold-call three students per lesson.');
    const coachSocket = await open(coach.cookie);
    const teacherSocket = await open(teacher.cookie);
    await joinMeeting(coachSocket, meeting.id);
    await joinMeeting(teacherSocket, meeting.id);

    const told = nextEvent(teacherSocket, CycleServerEvent.CoachingChanged, (v) => CoachingChangedSchema.parse(v));
    const hash = stepHash('Cold-call three students per lesson.', null);
    const ack = AckSchema.parse(
      await coachSocket.emitWithAck(CycleClientEvent.AgreeToStep, { meetingId: meeting.id, hash }),
    );
    expect(ack).toEqual({ ok: true });
    const { coaching } = await told;
    expect(coaching.step.agreements).toEqual([expect.objectContaining({ userId: coach.user.id, hash })]);

    const twice = AckSchema.parse(
      await coachSocket.emitWithAck(CycleClientEvent.AgreeToStep, { meetingId: meeting.id, hash }),
    );
    expect(twice).toMatchObject({ ok: false, error: { id: 'already_agreed' } });
    const stale = AckSchema.parse(
      await teacherSocket.emitWithAck(CycleClientEvent.AgreeToStep, {
        meetingId: meeting.id,
        hash: stepHash('x', null),
      }),
    );
    expect(stale).toMatchObject({ ok: false, error: { id: 'stale' } });
    const garbage = AckSchema.parse(await teacherSocket.emitWithAck(CycleClientEvent.AgreeToStep, { meetingId: 5 }));
    expect(garbage).toMatchObject({ ok: false, error: { id: 'invalid_payload' } });
  });

  it("refuses an outsider's agreement and tells them nothing", async () => {
    const { coach, meeting } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'actionStep', 'A step');
    const outsider = await buildUser(server);
    const socket = await open(outsider.cookie);
    const ack = AckSchema.parse(
      await socket.emitWithAck(CycleClientEvent.AgreeToStep, { meetingId: meeting.id, hash: stepHash('A step', null) }),
    );
    expect(ack).toMatchObject({ ok: false, error: { id: 'not_found' } });
    expect((await coachingOf(coach, meeting.id)).coaching.step.agreements).toEqual([]);
  });

  it('tells the partnership when a cycle changes', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const { cycle } = await coachingOf(coach, meeting.id);
    const coachSocket = await open(coach.cookie);
    const told = nextEvent(coachSocket, CycleServerEvent.CycleChanged, (v) => CycleChangedSchema.parse(v));
    await teacher.client.request('PUT', `/api/cycles/${cycle.id}/goal-status`, { body: { status: 'set' } });
    expect((await told).cycle).toMatchObject({ id: cycle.id, goal: { status: 'set', setBy: { id: teacher.user.id } } });
  });

  it('passes "Look at this" to the partner under the asker\'s own name', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    const coachSocket = await open(coach.cookie);
    const teacherSocket = await open(teacher.cookie);
    await joinMeeting(coachSocket, meeting.id);
    await joinMeeting(teacherSocket, meeting.id);

    const seen = nextEvent(teacherSocket, CycleServerEvent.LookAtThis, (v) => LookAtThisSchema.parse(v));
    const ack = await coachSocket.emitWithAck(CycleClientEvent.LookAtThis, {
      meetingId: meeting.id,
      sectionId: 'goal',
      // A client cannot speak for someone else: the server names the asker.
      from: { id: teacher.user.id, name: 'Not me' },
    });
    expect(AckSchema.parse(ack)).toEqual({ ok: true });
    expect(await seen).toEqual({
      meetingId: meeting.id,
      sectionId: 'goal',
      from: { id: coach.user.id, name: coach.user.name },
    });

    const badSection = await coachSocket.emitWithAck(CycleClientEvent.LookAtThis, {
      meetingId: meeting.id,
      sectionId: 'x',
    });
    expect(AckSchema.parse(badSection)).toMatchObject({ ok: false, error: { id: 'invalid_payload' } });
    const outsider = await open((await buildUser(server)).cookie);
    const refused = await outsider.emitWithAck(CycleClientEvent.LookAtThis, {
      meetingId: meeting.id,
      sectionId: 'goal',
    });
    expect(AckSchema.parse(refused)).toMatchObject({ ok: false, error: { id: 'not_found' } });
  });
});
