/**
 * What one socket can make the server hold is bounded in bytes, not only in
 * count: 120 held-back updates of ~1 MiB used to cost ~250 MiB; now the socket
 * is closed (4429) once `LIMITS.maxHeldBytes` would be passed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { closeCode, collabSuite, rawSocket, synced, text } from '../helpers/collabClient.js';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { buildMeeting } from '../helpers/factories.js';
import { updateFrame } from '../helpers/frames.js';

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

/** Resident memory of a process, in bytes (Linux). */
function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error('no VmRSS');
  return Number(match[1]) * 1024;
}

/** Sends `update` up to `times` times, each once the last was handled, until the socket closes. */
async function sendHeld(ws: WebSocket, update: Uint8Array, times: number): Promise<{ sent: number; code: number }> {
  const closed = closeCode(ws);
  let sent = 0;
  for (let i = 0; i < times && ws.readyState === WebSocket.OPEN; i++) {
    ws.send(updateFrame(update));
    sent++;
    await Promise.race([handled(ws), closed]);
  }
  return { sent, code: await closed };
}

describe('memory per socket is bounded in bytes', () => {
  const suite = collabSuite('sqlite');

  it('closes a socket whose held-back updates pass the byte limit, long before 120 of them', async () => {
    const { meeting, coach, teacher } = await buildMeeting(suite.server);
    const update = bigHeldUpdate();
    expect(update.byteLength).toBeGreaterThan(LIMITS.maxMessageBytes / 2);
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    const { sent, code } = await sendHeld(ws, update, 120);
    expect(code).toBe(CloseCode.TooManyMessages);
    expect(sent).toBe(Math.floor(LIMITS.maxHeldBytes / update.byteLength) + 1);
    expect(sent).toBeLessThan(LIMITS.maxQueuedMessages);

    // The room is fine and nothing of the held updates was stored.
    const t = suite.open(meeting.id, teacher.cookie);
    await synced(t);
    expect(text(t.doc, 'goal')).toBe('');
  });

  describe('in a server process of its own', () => {
    let child: ChildServer | null = null;
    afterAll(async () => {
      await child?.stop();
    });

    it('does not grow by hundreds of MiB when a socket sends 120 held-back 1 MiB updates', async () => {
      child = await startChildServer();
      const { meeting, coach } = await buildMeeting(child);
      const pid = child.process.pid!;
      const before = residentBytes(pid);
      const ws = await rawSocket(child, meeting.id, coach.cookie);
      const { code } = await sendHeld(ws, bigHeldUpdate(), 120);
      expect(code).toBe(CloseCode.TooManyMessages);
      // 120 of them held used to cost ~250 MiB.
      expect(residentBytes(pid) - before).toBeLessThan(64 * 1024 * 1024);
    }, 60_000);
  });
});
