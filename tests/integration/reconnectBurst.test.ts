/**
 * A deploy restarts the server while a whole school is mid-meeting: 200 real
 * y-websocket clients across 50 meetings, each reconnecting through the same
 * jittered reconnect the browser uses (shared/reconnect.ts). They must all
 * come back and resync, spread out rather than in one instant, with no client
 * giving up and not one error in the server's log; and edits made after the
 * restart must reach everyone in the meeting.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { JitteredReconnect } from '../../shared/reconnect.js';
import { allSaved, connectCollab, synced, text, waitForDoc, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting, buildPartnership, type MeetingFixture } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const PARTNERSHIPS = 25;
const MEETINGS_PER_PARTNERSHIP = 2;
/** Per meeting: the coach and the teacher, each on a laptop and a tablet. */
const TABS_PER_PERSON = 2;
const CLIENTS = PARTNERSHIPS * MEETINGS_PER_PARTNERSHIP * 2 * TABS_PER_PERSON;

interface Client extends CollabClient {
  index: number;
  meetingId: string;
  link: JitteredReconnect;
}

/** Resolves at the provider's next successful sync (after the one it may be in now). */
function nextSync(client: Client): Promise<void> {
  return new Promise((resolve) => {
    const on = (isSynced: boolean) => {
      if (!isSynced) return;
      client.provider.off('sync', on);
      resolve();
    };
    client.provider.on('sync', on);
  });
}

/** Runs `task` over `items`, at most `limit` at a time (signing up hashes passwords: keep the CPU fair). */
async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) {
    results.push(...(await Promise.all(items.slice(i, i + limit).map(task))));
  }
  return results;
}

describe('reconnecting after a server restart', () => {
  let server: TestServer;
  const logLines: string[] = [];

  // Each Node provider listens for the process's exit (to clear its awareness); 200 is expected here.
  const maxListeners = process.getMaxListeners();

  beforeAll(async () => {
    process.setMaxListeners(CLIENTS + maxListeners);
    server = await startTestServer({ logLevel: 'warn', logSink: (line) => logLines.push(line) });
  });

  afterAll(async () => {
    await server?.stop();
    process.setMaxListeners(maxListeners);
  });

  it(`brings ${CLIENTS} clients back, spread out, all resynced, with no errors`, { timeout: 60_000 }, async () => {
    // People are reused across meetings: 25 partnerships (50 sign-ups), two meetings each.
    const partnerships = await inBatches(Array.from({ length: PARTNERSHIPS }), 5, () => buildPartnership(server));
    const meetings: MeetingFixture[] = [];
    for (const partnership of partnerships) {
      for (let m = 0; m < MEETINGS_PER_PARTNERSHIP; m++) meetings.push(await buildMeeting(server, partnership));
    }

    const retries: Array<{ delayMs: number; closeCode: number | null }> = [];
    let gaveUp = 0;
    const clients: Client[] = [];
    for (const fixture of meetings) {
      for (const person of [fixture.coach, fixture.teacher]) {
        for (let tab = 0; tab < TABS_PER_PERSON; tab++) {
          const base = connectCollab(server, fixture.meeting.id, person.cookie, { connect: false });
          const link = new JitteredReconnect(base.provider, { onRetry: (retry) => retries.push(retry) });
          base.provider.on('closed', () => (gaveUp += 1));
          clients.push({ ...base, index: clients.length, meetingId: fixture.meeting.id, link });
        }
      }
    }
    expect(clients).toHaveLength(CLIENTS);

    try {
      for (const client of clients) client.link.connect();
      await Promise.all(clients.map(synced));

      // Everyone writes a line before the restart, and it is stored.
      for (const client of clients) client.doc.get('goal', Y.XmlText).insert(0, `before ${client.index};`);
      await Promise.all(clients.map(allSaved));

      // The restart: every socket is closed with "server restarting", and a new server starts.
      const resynced = clients.map(nextSync);
      const portBefore = server.port;
      await server.restart();
      expect(server.port).toBe(portBefore);
      const arrivals: number[] = [];
      const onUpgrade = (_req: IncomingMessage) => arrivals.push(performance.now());
      server.server.httpServer.on('upgrade', onUpgrade);
      const restartedAt = performance.now();
      await Promise.all(resynced);
      server.server.httpServer.off('upgrade', onUpgrade);

      // They came back spread out (jitter), not all in the same instant.
      const afterRestart = retries.filter((r) => r.closeCode === CloseCode.ServerRestarting);
      expect(afterRestart).toHaveLength(CLIENTS);
      const delays = afterRestart.map((r) => r.delayMs);
      expect(new Set(delays).size).toBeGreaterThan(CLIENTS / 2);
      expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(1_000);
      expect(arrivals.length).toBeGreaterThanOrEqual(CLIENTS);
      const inFirstQuarterSecond = arrivals.filter((t) => t - restartedAt < 250).length;
      expect(inFirstQuarterSecond).toBeLessThan(CLIENTS / 2);
      expect(gaveUp).toBe(0);

      // Each client's document is exactly what the server stored.
      for (const fixture of meetings) {
        const stored = await server.server.services.documents.load(fixture.meeting.id);
        const onServer = new Y.Doc();
        for (const update of stored.updates) Y.applyUpdate(onServer, update);
        for (const client of clients.filter((c) => c.meetingId === fixture.meeting.id)) {
          expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(onServer));
          expect(text(client.doc, 'goal')).toBe(text(onServer, 'goal'));
        }
        expect(text(onServer, 'goal').split(';').filter(Boolean)).toHaveLength(2 * TABS_PER_PERSON);
      }

      // Edits made after the restart reach everyone in the meeting, and are stored.
      for (const client of clients) client.doc.get('actionStep', Y.XmlText).insert(0, `after ${client.index};`);
      await Promise.all(
        clients.map((client) => {
          const expected = clients.filter((c) => c.meetingId === client.meetingId).map((c) => `after ${c.index};`);
          return waitForDoc(
            client.doc,
            (doc) => expected.every((line) => text(doc, 'actionStep').includes(line)),
            `client ${client.index} to see every edit made after the restart`,
          );
        }),
      );
      await Promise.all(clients.map(allSaved));
      expect(gaveUp).toBe(0);

      // Not one error in the server's log, through the whole burst.
      expect(logLines.filter((line) => line.startsWith('ERROR'))).toEqual([]);
    } finally {
      for (const client of clients) {
        client.link.destroy();
        client.destroy();
      }
    }
  });
});
