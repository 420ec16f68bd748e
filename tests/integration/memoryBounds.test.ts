/**
 * What one socket can make the server hold is bounded in bytes, not only in
 * count: 120 held-back updates of ~1 MiB used to cost ~250 MiB; now the socket
 * is closed (4429) once `LIMITS.maxHeldBytes` would be passed.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { closeCode, collabSuite, rawSocket, synced, text } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Resolves once the socket has had a pong: everything sent before it has been handled. */
function handled(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
}

/** An update of almost a frame's worth of text that builds on a first one the server never gets. */
function bigHeldUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const goal = doc.get('goal', Y.XmlText);
  goal.insert(0, 'first');
  goal.insert(goal.length, 'z'.repeat(LIMITS.maxMessageBytes - 4096));
  return updates[1]!;
}

describe('memory per socket is bounded in bytes', () => {
  const suite = collabSuite('sqlite');

  it('closes a socket whose held-back updates pass the byte limit, long before 120 of them', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const update = bigHeldUpdate();
    expect(update.byteLength).toBeGreaterThan(LIMITS.maxMessageBytes / 2);
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    const closed = closeCode(ws);
    let sent = 0;
    for (let i = 0; i < 120 && ws.readyState === WebSocket.OPEN; i++) {
      ws.send(updateFrame(update));
      sent++;
      await Promise.race([handled(ws), closed]);
    }
    expect(await closed).toBe(CloseCode.TooManyMessages);
    expect(sent).toBe(Math.floor(LIMITS.maxHeldBytes / update.byteLength) + 1);
    expect(sent).toBeLessThan(LIMITS.maxQueuedMessages);

    // The room is fine and nothing of the held updates was stored.
    const t = suite.open(meeting.id, teacher.cookie);
    await synced(t);
    expect(text(t.doc, 'goal')).toBe('');
  });
});
