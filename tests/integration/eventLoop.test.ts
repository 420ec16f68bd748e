/**
 * No input blocks the server: a partner sends updates that cost far more to apply than their bytes
 * say (a 1 MiB frame of ~95,000 one-letter items, one just over the part limit, 2,000 items inserted
 * at one place), while `perf_hooks.monitorEventLoopDelay` watches the event loop the server runs on.
 * Each is refused with 4413 before it is stored or applied, nothing of it is stored, and the loop is
 * never held past a bound generous enough for a busy shared machine. Then a meeting is filled with valid
 * one-letter items typed at random places up to its struct limit (the one past it: 4422), unloaded,
 * compacted, loaded again and read; how long the loop was held is printed.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { LIMITS } from '../../shared/limits.js';
import { backendsToTest } from '../helpers/backends.js';
import { closeCode } from '../helpers/collabClient.js';
import { buildMeeting, type MeetingFixture } from '../helpers/factories.js';
import { manyTinyItemsFrame } from '../helpers/tinyItems.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { syncStep1, updateFrame } from '../helpers/frames.js';

/**
 * The most the loop may be held here. The server runs in this test's process, so the histogram also sees
 * the clients' own work and garbage collection, on a two-core machine running other suites: the bound
 * catches the stalls of seconds that hostile updates caused, while the 50 ms target is the bench's
 * (`npm run bench`, on a quiet machine).
 */
const MAX_DELAY_MS = 500;

/** Opens a collaboration socket and resolves once the loaded room has greeted it. */
function greeted(server: TestServer, meetingId: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${meetingId}`, { headers: { cookie } });
    // Listening before the socket opens: the greeting can come in the same packet as the upgrade.
    ws.once('message', () => resolve(ws));
    ws.once('close', (code) => reject(new Error(`closed with ${code} before the greeting`)));
    ws.once('error', reject);
  });
}

async function storedRows(server: TestServer, meetingId: string): Promise<number> {
  const { services } = server.server;
  await services.documents.flush();
  const row = await services.db
    .selectFrom('doc_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The slowest the loop has been since the histogram was last reset, in milliseconds. */
const maxMs = (h: IntervalHistogram) => h.max / 1e6;

describe.each(await backendsToTest())('the event loop under hostile input (%s)', (backend) => {
  let server: TestServer;
  let fixture: MeetingFixture;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let clientId = 1000;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fixture = await buildMeeting(server);
  });
  afterAll(async () => {
    histogram.disable();
    await server?.stop();
  });

  it('refuses updates with too many parts, stores nothing of them, and never stalls', async () => {
    const meetingId = fixture.meeting.id;
    // Built before watching: making them is the attacker's work, not the server's.
    const overByOne = manyTinyItemsFrame(LIMITS.maxUpdateItems + 1, clientId++);
    let items = 100_000;
    let fullFrame = manyTinyItemsFrame(items, clientId++);
    while (fullFrame.byteLength > LIMITS.maxMessageBytes) fullFrame = manyTinyItemsFrame((items -= 5_000), clientId++);

    // Within the part limit but all inserted at one place: each would scan all the others.
    const onePlace = manyTinyItemsFrame(2_000, clientId++);
    histogram.reset();
    histogram.enable();
    for (const frame of [overByOne, fullFrame, onePlace]) {
      const ws = await greeted(server, meetingId, fixture.teacher.cookie);
      const closed = closeCode(ws);
      ws.send(frame);
      expect(await closed).toBe(CloseCode.MessageTooLarge);
    }
    histogram.disable();
    expect(await storedRows(server, meetingId)).toBe(0);
    expect(maxMs(histogram), `event loop held ${maxMs(histogram)} ms`).toBeLessThanOrEqual(MAX_DELAY_MS);
  });

  it('bears a meeting made dense up to its struct limit: stored, refused past it, compacted, loaded and read', async () => {
    const { meeting, coach, teacher } = await buildMeeting(server);
    // Letters typed one at a time at random places, each its own struct, in updates just under the
    // part limit: the costliest valid content there is. Built before watching.
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const writer = new Y.Doc();
    const text = writer.get('practicePlan', Y.XmlText);
    const perUpdate = LIMITS.maxUpdateItems - 100;
    const frames: Uint8Array[] = [];
    for (let items = 0; items <= LIMITS.maxDocumentItems; items += perUpdate) {
      const before = Y.encodeStateVector(writer);
      writer.transact(() => {
        for (let i = 0; i < perUpdate; i++) text.insert(Math.floor(random() * (text.length + 1)), 'x');
      });
      frames.push(updateFrame(Y.encodeStateAsUpdate(writer, before)));
    }
    const storedLength = perUpdate * (frames.length - 1);

    histogram.reset();
    histogram.enable();
    const ws = await greeted(server, meeting.id, teacher.cookie);
    const closed = closeCode(ws);
    for (const frame of frames) ws.send(frame);
    // The last update would take the meeting past its struct limit.
    expect(await closed).toBe(CloseCode.DocumentTooLarge);
    // The room unloads (and compacts); a partner opens it again from the log and asks for all of it
    // (bytes only: building a copy here would be this process's work, not the server's).
    const partner = await greeted(server, meeting.id, coach.cookie);
    const whole = new Promise<number>((resolve) =>
      partner.on('message', (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) resolve(data.byteLength);
      }),
    );
    partner.send(syncStep1());
    expect(await whole).toBeGreaterThan(storedLength);
    partner.close();
    for (const route of [
      `/api/meetings/${meeting.id}/export.md`,
      `/api/meetings/${meeting.id}/coaching`,
      `/api/meetings/${meeting.id}/versions`,
    ]) {
      expect((await coach.client.get(route)).status).toBe(200);
    }
    histogram.disable();
    const stored = await server.server.services.documents.read(meeting.id);
    expect(stored.get('practicePlan', Y.XmlText).length).toBe(storedLength);
    // Printed, not held to a bound here: on a shared two-core machine this test's own process and the
    // machine's load decide much of it (118-1,659 ms seen). The 50 ms target is held by the hostile bench
    // (`npm run bench -- --hostile`), run on its own.
    console.log(`dense meeting (${backend}): event loop held at most ${maxMs(histogram).toFixed(0)} ms`);
  }, 60_000);
});
