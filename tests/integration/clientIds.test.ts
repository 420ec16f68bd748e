/**
 * Nobody can take another person's Yjs client id. An id is its user's once an
 * update using it is stored, and before that once its user announces it in
 * awareness or uses it in an update still waiting for what it builds on. A
 * partner who reads an id from awareness and writes under it (held back or
 * not) is closed with 4409; the person keeps writing. And an honest client
 * whose id was taken all the same (everyone had left, so the room had
 * forgotten the announcement) goes on under a fresh id, and what it wrote
 * under the old one reaches the server.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, closeCode, collabSuite, rawSocket, synced, text, waitForDoc } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { updateFrame } from '../helpers/frames.js';

const backends = await backendsToTest();

/** Resolves once the socket has had a pong: everything sent before it has been handled. */
function handled(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
}

/**
 * A partner's raw socket, and a promise that resolves once an awareness frame
 * on it carries a state for `clientId` (how a partner reads the other's id).
 * It listens from the start: the room greets a socket as soon as it opens.
 */
function watchingSocket(
  server: { wsUrl: string },
  meetingId: string,
  cookie: string,
  clientId: number,
): { ws: WebSocket; opened: Promise<void>; seen: Promise<void> } {
  const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${meetingId}`, { headers: { cookie } });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, opened, seen: seesAwareness(ws, clientId) };
}

function seesAwareness(ws: WebSocket, clientId: number): Promise<void> {
  return new Promise((resolve) => {
    const on = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 1) return;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i++) {
        const client = decoding.readVarUint(update);
        decoding.readVarUint(update);
        const state = decoding.readVarString(update);
        if (client === clientId && state !== 'null') {
          ws.off('message', on);
          resolve();
          return;
        }
      }
    };
    ws.on('message', on);
  });
}

/** Updates written under `clientId` into `section`: the first builds on nothing, the second on the first. */
function forged(clientId: number, section: string, words: string): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const type = doc.get(section, Y.XmlText);
  type.insert(0, words);
  type.insert(type.length, '!');
  return [updates[0]!, updates[1]!];
}

describe.each(backends)('client ids belong to whoever announced or stored them first (%s)', (backend) => {
  const suite = collabSuite(backend);

  async function storedText(meetingId: string, section: string): Promise<string> {
    const doc = new Y.Doc();
    for (const u of (await suite.server.server.services.documents.load(meetingId)).updates) Y.applyUpdate(doc, u);
    return text(doc, section);
  }

  it("refuses a held-back update under the partner's announced id, and the partner keeps writing", async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const victim = suite.open(meeting.id, coach.cookie);
    // Announced as the editor does, with a name.
    victim.provider.awareness.setLocalStateField('name', 'Coach');
    await synced(victim);
    const { ws, seen } = watchingSocket(suite.server, meeting.id, teacher.cookie, victim.doc.clientID);
    await seen;

    // Held back: the first update, which it builds on, is never sent.
    const [, second] = forged(victim.doc.clientID, 'goal', 'Forged');
    const closed = closeCode(ws);
    ws.send(updateFrame(second));
    expect(await closed).toBe(CloseCode.ForeignClientId);
    victim.doc.get('goal', Y.XmlText).insert(0, 'The coach writes on.');
    await allSaved(victim);
    expect(victim.provider.wsconnected).toBe(true);
    expect(await storedText(meeting.id, 'goal')).toBe('The coach writes on.');
  });

  it("refuses an update stored at once under the partner's announced id, before the partner types", async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const victim = suite.open(meeting.id, coach.cookie);
    // Announced as the editor does, with a name.
    victim.provider.awareness.setLocalStateField('name', 'Coach');
    await synced(victim);
    const { ws, seen } = watchingSocket(suite.server, meeting.id, teacher.cookie, victim.doc.clientID);
    await seen;

    const [first] = forged(victim.doc.clientID, 'goal', 'Forged');
    const closed = closeCode(ws);
    ws.send(updateFrame(first));
    expect(await closed).toBe(CloseCode.ForeignClientId);

    victim.doc.get('goal', Y.XmlText).insert(0, 'Mine.');
    await allSaved(victim);
    expect(await storedText(meeting.id, 'goal')).toBe('Mine.');
  });

  it('keeps an id used in a held-back update for its user: the partner cannot store under it first', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const coachWs = await rawSocket(suite.server, meeting.id, coach.cookie);
    const id = 1_234_567;
    const [first, second] = forged(id, 'goal', 'Coach');
    coachWs.send(updateFrame(second));
    await handled(coachWs);

    const teacherWs = await rawSocket(suite.server, meeting.id, teacher.cookie);
    const closed = closeCode(teacherWs);
    teacherWs.send(updateFrame(forged(id, 'goal', 'Teacher')[0]));
    expect(await closed).toBe(CloseCode.ForeignClientId);

    const watcher = suite.open(meeting.id, teacher.cookie);
    await synced(watcher);
    coachWs.send(updateFrame(first));
    // Relayed only once stored.
    await waitForDoc(watcher.doc, (d) => text(d, 'goal') === 'Coach!', 'the coach’s words');
    expect(await storedText(meeting.id, 'goal')).toBe('Coach!');
    coachWs.close();
  });

  it('an honest client whose id was taken goes on under a fresh id, and its unsent words are stored', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const victim = suite.open(meeting.id, coach.cookie);
    await synced(victim);
    const takenId = victim.doc.clientID;
    victim.provider.disconnect();

    // Everyone has left and the server restarted: the room no longer knows who announced what.
    // The teacher, who had read the coach's id, stores under it first.
    await suite.server.restart();
    const watcher = suite.open(meeting.id, teacher.cookie);
    await synced(watcher);
    const ws = await rawSocket(suite.server, meeting.id, teacher.cookie);
    ws.send(updateFrame(forged(takenId, 'review', 'Taken')[0]));
    await waitForDoc(watcher.doc, (d) => text(d, 'review') === 'Taken', 'the forged words');
    ws.close();

    // Offline, the coach writes under the id that is now the teacher's; then comes back.
    victim.doc.get('goal', Y.XmlText).insert(0, 'Written offline, then sent.');
    const rebased = victim.rebased();
    victim.provider.connect();
    await rebased;
    expect(victim.doc.clientID).not.toBe(takenId);
    await synced(victim);
    await allSaved(victim);
    await waitForDoc(watcher.doc, (d) => text(d, 'goal') === 'Written offline, then sent.', 'the coach’s words');
    expect(await storedText(meeting.id, 'goal')).toBe('Written offline, then sent.');
    await waitForDoc(victim.doc, (d) => text(d, 'review').startsWith('Taken'), 'the partner’s words');

    // And the coach keeps writing, under the fresh id.
    victim.doc.get('goal', Y.XmlText).insert(0, 'Later. ');
    await allSaved(victim);
    await waitForDoc(watcher.doc, (d) => text(d, 'goal') === 'Later. Written offline, then sent.', 'more words');
    expect(victim.provider.wsconnected).toBe(true);
  });
});
