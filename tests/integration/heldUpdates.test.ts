/**
 * The room stores only updates whose every dependency it holds: one that
 * builds on something not yet there waits (per connection, unacknowledged)
 * until it arrives, as after a reconnect, when a keystroke can overtake the
 * sync step 2 it builds on. One whose dependency never comes is never stored,
 * so it cannot hide a partner's later words from the server.
 */
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { backendsToTest } from '../helpers/backends.js';
import { allSaved, collabSuite, rawSocket, synced, text, waitForDoc } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { updateFrame } from '../helpers/frames.js';

const backends = await backendsToTest();

/** Two updates from one client: the second builds on the first. */
function twoUpdates(): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const goal = doc.get('goal', Y.XmlText);
  goal.insert(0, 'Every pupil starts');
  goal.insert(goal.length, ' within a minute.');
  return [updates[0]!, updates[1]!];
}

/** Resolves once the socket has had a pong: everything sent before it has been handled. */
function handled(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
}

describe.each(backends)('updates that build on what the room does not have (%s)', (backend) => {
  const suite = collabSuite(backend);

  it('waits for what an update builds on, then stores both in order', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const watcher = suite.open(meeting.id, teacher.cookie);
    await synced(watcher);
    const [first, second] = twoUpdates();
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);

    ws.send(updateFrame(second));
    await handled(ws);
    const { documents } = suite.server.server.services;
    const storedText = async () => {
      const doc = new Y.Doc();
      for (const u of (await documents.load(meeting.id)).updates) Y.applyUpdate(doc, u);
      return text(doc, 'goal');
    };
    expect(await storedText()).toBe('');
    expect(text(watcher.doc, 'goal')).toBe('');

    ws.send(updateFrame(first));
    await waitForDoc(watcher.doc, (d) => text(d, 'goal') === 'Every pupil starts within a minute.', 'both');
    expect(await storedText()).toBe('Every pupil starts within a minute.');
    ws.close();
  });

  it("never stores an update whose dependency does not come, and the partner's later words are safe", async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const [, second] = twoUpdates();
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    ws.send(updateFrame(second));
    await handled(ws);
    ws.close();

    const t = suite.open(meeting.id, teacher.cookie);
    await synced(t);
    t.doc.get('goal', Y.XmlText).insert(0, 'Teacher: six of thirty hands went up.');
    await allSaved(t);
    const fresh = suite.open(meeting.id, coach.cookie);
    await synced(fresh);
    expect(text(fresh.doc, 'goal')).toBe('Teacher: six of thirty hands went up.');
    // Nothing of the held update reached the log.
    const heldClient = Y.decodeUpdate(second).structs[0]!.id.client;
    const stored = await suite.server.server.services.documents.load(meeting.id);
    for (const u of stored.updates) expect(Y.parseUpdateMeta(u).to.has(heldClient)).toBe(false);
  });
});
