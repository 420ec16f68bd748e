/**
 * The coaching cycle over socket.io: the partner told at once of an agreement; cycle changes told to the partnership; "Look at this"
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
  it('tells the partner at once when one agrees to the step (an HTTP command)', async () => {
    const { coach, teacher, meeting } = await buildMeeting(server);
    await writeSection(server, coach, meeting.id, 'actionStep', 'Cold-call three students per lesson.');
    const teacherSocket = await open(teacher.cookie);
    await joinMeeting(teacherSocket, meeting.id);

    const told = nextEvent(teacherSocket, CycleServerEvent.CoachingChanged, (v) => CoachingChangedSchema.parse(v));
    const hash = stepHash('Cold-call three students per lesson.', null);
    const res = await coach.client.request('POST', `/api/meetings/${meeting.id}/agreements`, { body: { hash } });
    expect(res.status).toBe(201);
    const { coaching } = await told;
    expect(coaching.step.agreements).toEqual([expect.objectContaining({ userId: coach.user.id, hash })]);
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
