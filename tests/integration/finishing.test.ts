/**
 * Finishing a meeting, enforced by the server: a finished meeting still opens
 * and syncs, but an edit is refused (4423), kept aside and never stored; fact
 * commands answer 409 `meeting_finished`; reopening takes edits again and both
 * partners are told. Numbers and the finished state survive a restart, and two
 * meetings started at once get different numbers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingResponseSchema } from '../../shared/api.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { MeetingStateChangeSchema, MeetingStateServerEvent } from '../../shared/meetingStateEvents.js';
import type { DomainEventMap } from '../../server/domain/events.js';
import { AppError } from '../../server/errors.js';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, collabSuite, synced, text, waitForDoc, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting, buildUser } from '../helpers/factories.js';
import { connected, joinMeeting, nextEvent, realtimeSocket } from '../helpers/realtimeClient.js';

type KeptEdit = DomainEventMap['finishedMeetingEditKept'][0];

const backends = await backendsToTest();

/** Resolves with the code the server closed the provider's socket with. */
function serverClose(client: CollabClient): Promise<number> {
  return new Promise((resolve) => {
    const on = (event: { code: number } | null) => {
      if (!event) return;
      client.provider.off('connection-close', on);
      resolve(event.code);
    };
    client.provider.on('connection-close', on);
  });
}

/** Types `value` at the end of a section. */
function type(client: CollabClient, section: string, value: string): void {
  const xml = client.doc.get(section, Y.XmlText);
  xml.insert(xml.length, value);
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Resolves with the next binary message's type byte; rejects if the socket closes first. */
function nextMessage(ws: WebSocket, type: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      if (data[0] !== type) return;
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve();
    };
    const onClose = (code: number) => reject(new Error(`closed with ${code}`));
    ws.on('message', onMessage);
    ws.once('close', onClose);
  });
}

/** The state vector of the server's sync step 1 (the first frame a room sends). */
function syncStep1(ws: WebSocket): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) {
        return;
      }
      ws.off('message', onMessage);
      resolve(decoding.readVarUint8Array(decoder));
    };
    ws.on('message', onMessage);
  });
}

async function expectAppError(promise: Promise<unknown>, id: string, status: number): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ id, status });
}

describe.each(backends)('finishing a meeting on %s', (backend) => {
  const suite = collabSuite(backend);
  const sockets: Socket[] = [];
  const services = () => suite.server.server.services;

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  async function openRealtime(cookie: string, meetingId: string): Promise<Socket> {
    const socket = realtimeSocket(suite.server.url, cookie);
    sockets.push(socket);
    await connected(socket);
    await joinMeeting(socket, meetingId);
    return socket;
  }

  it('lets either partner finish and reopen, once each, and no one else', async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const outsider = await buildUser(suite.server);
    const { finishing } = services();

    await expectAppError(finishing.finish(outsider.user.id, meeting.id), 'not_found', 404);
    await expectAppError(finishing.reopen(coach.user.id, meeting.id), 'not_finished', 409);
    const finished = await finishing.finish(teacher.user.id, meeting.id);
    expect(finished.row.finished_by).toBe(teacher.user.id);
    expect(finished.finisherName).toBe(teacher.user.name);
    await expectAppError(finishing.finish(coach.user.id, meeting.id), 'already_finished', 409);
    await expectAppError(finishing.reopen(outsider.user.id, meeting.id), 'not_found', 404);

    const reopened = await finishing.reopen(coach.user.id, meeting.id);
    expect(reopened.row.finished_at).toBeNull();
    expect(reopened.row.reopened_by).toBe(coach.user.id);
    expect(reopened.reopenerName).toBe(coach.user.name);

    // Both pressing at once: one finishes it, the other is told it is finished already.
    const both = await Promise.allSettled([
      finishing.finish(coach.user.id, meeting.id),
      finishing.finish(teacher.user.id, meeting.id),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { id: 'already_finished' } });
  });

  it('opens a finished meeting read-only: an edit is refused with 4423, kept aside, and never stored', async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const writer = suite.open(meeting.id, coach.cookie);
    await synced(writer);
    type(writer, 'goal', 'Before!!');
    const goal = writer.doc.get('goal', Y.XmlText);
    goal.delete(goal.length - 2, 2); // a delete set, which every later sync step 2 carries again
    await allSaved(writer);
    const reader = suite.open(meeting.id, teacher.cookie);
    await synced(reader);
    await waitForDoc(reader.doc, (d) => text(d, 'goal') === 'Before', 'the teacher to see the goal');

    await services().finishing.finish(coach.user.id, meeting.id);

    const kept = new Promise<KeptEdit>((resolve) => services().events.once('finishedMeetingEditKept', resolve));
    const closedWith = serverClose(reader);
    type(reader, 'goal', ' and after');
    expect(await closedWith).toBe(CloseCode.MeetingFinished);
    const edit = await kept;
    expect(edit).toMatchObject({ meetingId: meeting.id, userId: teacher.user.id });
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(writer.doc));
    Y.applyUpdate(rebuilt, edit.update);
    expect(text(rebuilt, 'goal')).toBe('Before and after');

    // Someone opening the meeting now reads the notes as they were finished.
    const fresh = suite.open(meeting.id, coach.cookie);
    await synced(fresh);
    expect(text(fresh.doc, 'goal')).toBe('Before');
    expect(text(writer.doc, 'goal')).toBe('Before');

    // Nothing the teacher typed is lost: the history holds the finished notes and, beside them, the edit kept.
    await services().history.automatic.flush();
    const { versions } = await services().history.list(coach.user.id, meeting.id);
    const finishedVersion = versions.find((v) => v.kind === 'finished');
    const keptVersion = versions.find((v) => v.kind === 'kept');
    expect(finishedVersion && keptVersion).toBeTruthy();
    const goalOf = async (versionId: string) =>
      (await services().history.get(teacher.user.id, meeting.id, versionId)).sections
        .find((section) => section.id === 'goal')
        ?.lines.join('\n');
    expect(await goalOf(finishedVersion?.id ?? '')).toBe('Before');
    expect(await goalOf(keptVersion?.id ?? '')).toBe('Before and after');
    expect(keptVersion?.by?.id).toBe(teacher.user.id);
  });

  it('does not refuse a sync step 2 that adds nothing to a finished meeting, but does a deletion', async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const writer = suite.open(meeting.id, coach.cookie);
    await synced(writer);
    type(writer, 'reflection', 'Kept as it is!');
    const reflection = writer.doc.get('reflection', Y.XmlText);
    reflection.delete(reflection.length - 1, 1);
    await allSaved(writer);
    await services().finishing.finish(teacher.user.id, meeting.id);
    let keptAny = false;
    const onKept = () => (keptAny = true);
    services().events.on('finishedMeetingEditKept', onKept);
    try {
      const ws = new WebSocket(`${suite.server.wsUrl}${COLLAB_PATH}/${meeting.id}`, {
        headers: { cookie: teacher.cookie },
      });
      // What a client holding the same notes answers the server's sync step 1 with: no structs, the whole delete set.
      const serverState = await syncStep1(ws);
      ws.send(frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep2(e, writer.doc, serverState))));
      // The room answers frames in order: an awareness answer means both updates were handled.
      const answered = nextMessage(ws, 1);
      ws.send(frame((e) => encoding.writeVarUint(e, 3)));
      await answered;
      expect(ws.readyState).toBe(WebSocket.OPEN);
      expect(keptAny).toBe(false);

      // A deletion alone (a Backspace) is an edit like any other.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(writer.doc));
      const before = Y.encodeStateVector(copy);
      copy.get('reflection', Y.XmlText).delete(0, 1);
      const backspace = Y.encodeStateAsUpdate(copy, before);
      const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
      ws.send(frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, backspace))));
      expect(await closed).toBe(CloseCode.MeetingFinished);
      expect(keptAny).toBe(true);
    } finally {
      services().events.off('finishedMeetingEditKept', onKept);
    }
  });

  it("answers 409 meeting_finished to every command that changes the meeting's facts, and reads still work", async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const { coaching, finishing } = services();
    const entry = await coaching.addPractice(teacher.user.id, meeting.id, {
      practisedOn: '2026-01-05',
      what: 'Cold calling',
    });
    const entryId = entry.practice[0]?.id ?? '';
    await finishing.finish(coach.user.id, meeting.id);

    const commands: [string, () => Promise<unknown>][] = [
      ['approach', () => coaching.setApproach(coach.user.id, meeting.id, 'dialogical')],
      ['review', () => coaching.setReview(teacher.user.id, meeting.id, 'yes')],
      ['due date', () => coaching.setDueDate(teacher.user.id, meeting.id, null)],
      ['PEERS', () => coaching.setPeers(coach.user.id, meeting.id, 'easy', true)],
      ['agreement', () => coaching.agree(coach.user.id, meeting.id, 'a'.repeat(64))],
      ['practice', () => coaching.addPractice(coach.user.id, meeting.id, { practisedOn: '2026-01-06', what: 'x' })],
      ['reflection', () => coaching.setReflection(teacher.user.id, meeting.id, entryId, 'It went well')],
    ];
    for (const [what, command] of commands) {
      await expectAppError(command(), 'meeting_finished', 409).catch((err: unknown) => {
        throw new Error(`${what}: ${String(err)}`);
      });
    }
    const outsider = await buildUser(suite.server);
    await expectAppError(coaching.setPeers(outsider.user.id, meeting.id, 'easy', true), 'not_found', 404);
    expect((await coaching.meeting(teacher.user.id, meeting.id)).practice).toHaveLength(1);

    await finishing.reopen(teacher.user.id, meeting.id);
    const view = await coaching.setPeers(coach.user.id, meeting.id, 'easy', true);
    expect(view.peers.find((p) => p.criterion === 'easy')?.checked).toBe(true);
  });

  it('tells both partners at once, and takes edits again once reopened', async () => {
    const { coach, teacher, meeting } = await buildMeeting(suite.server);
    const coachSocket = await openRealtime(coach.cookie, meeting.id);
    const teacherSocket = await openRealtime(teacher.cookie, meeting.id);
    const coachDoc = suite.open(meeting.id, coach.cookie);
    const teacherDoc = suite.open(meeting.id, teacher.cookie);
    await Promise.all([synced(coachDoc), synced(teacherDoc)]);
    const parse = (v: unknown) => MeetingStateChangeSchema.parse(v);

    const finishedTold = [coachSocket, teacherSocket].map((s) =>
      nextEvent(s, MeetingStateServerEvent.MeetingFinished, parse),
    );
    await services().finishing.finish(coach.user.id, meeting.id);
    for (const told of await Promise.all(finishedTold)) {
      expect(told).toMatchObject({ meetingId: meeting.id, by: { id: coach.user.id, name: coach.user.name } });
    }

    const closedWith = serverClose(teacherDoc);
    type(teacherDoc, 'actionStep', 'Typed too late');
    expect(await closedWith).toBe(CloseCode.MeetingFinished);

    const reopenedTold = [coachSocket, teacherSocket].map((s) =>
      nextEvent(s, MeetingStateServerEvent.MeetingReopened, parse),
    );
    await services().finishing.reopen(teacher.user.id, meeting.id);
    for (const told of await Promise.all(reopenedTold)) {
      expect(told).toMatchObject({ meetingId: meeting.id, by: { id: teacher.user.id, name: teacher.user.name } });
    }

    // The coach's open connection was never closed; its next words are stored and reach the teacher.
    type(coachDoc, 'goal', 'Back to work');
    await allSaved(coachDoc);
    // The teacher's client reconnects when told; what it still holds is merged like any reconnect.
    teacherDoc.provider.connect();
    await synced(teacherDoc);
    await waitForDoc(teacherDoc.doc, (d) => text(d, 'goal') === 'Back to work', "the coach's words");
    await waitForDoc(coachDoc.doc, (d) => text(d, 'actionStep') === 'Typed too late', "the teacher's words");
  });

  it('keeps numbers and the finished state through a restart', async () => {
    const first = await buildMeeting(suite.server, undefined, { title: 'Goal setting' });
    const second = await buildMeeting(suite.server, first);
    expect([first.meeting.number, second.meeting.number]).toEqual([1, 2]);
    expect(first.meeting).toMatchObject({ title: 'Goal setting', titleGiven: true, finishedAt: null });
    expect(second.meeting.titleGiven).toBe(false);
    const writer = suite.open(second.meeting.id, first.coach.cookie);
    await synced(writer);
    type(writer, 'goal', 'Stays as finished');
    await allSaved(writer);
    writer.destroy();
    await services().finishing.finish(first.teacher.user.id, second.meeting.id);

    await suite.server.restart();

    const res = await first.coach.client.get(`/api/meetings/${second.meeting.id}`);
    const { meeting } = MeetingResponseSchema.parse(res.body);
    expect(meeting).toMatchObject({
      number: 2,
      finishedBy: { id: first.teacher.user.id, name: first.teacher.user.name },
    });
    expect(meeting.finishedAt).not.toBeNull();
    const late = suite.open(second.meeting.id, first.coach.cookie);
    await synced(late);
    expect(text(late.doc, 'goal')).toBe('Stays as finished');
    const closedWith = serverClose(late);
    type(late, 'goal', '!');
    expect(await closedWith).toBe(CloseCode.MeetingFinished);
  });

  it('gives meetings started at once different numbers', async () => {
    const { coach, teacher, partnership } = await buildMeeting(suite.server);
    const path = `/api/partnerships/${partnership.id}/meetings`;
    const started = await Promise.all(
      [coach, teacher, coach, teacher, coach, teacher].map((p) => p.client.post(path, {})),
    );
    const numbers = started.map((res) => MeetingResponseSchema.parse(res.body).meeting.number);
    expect([...numbers].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});
