/**
 * How long the server takes to open a long meeting from disk: a room
 * (`server/collab/room/room.ts`) loading a 20,000-edit meeting's log until it can
 * greet its first connection (reading the rows and the client owners, applying
 * them, counting structs), measured in-process on the server's own code.
 *
 * The meeting: both partners typing keystrokes (1-3 characters an edit) at
 * cursors that jump between paragraphs and sections, correcting now and then
 * (`meetingClient.ts`'s model), 20,000 updates in all, appended as the live
 * path appends them. Three states of its log are opened:
 * - as the live path leaves it: the room compacts once 500 rows are stored, so a
 *   meeting reopened mid-visit (after a restart) has one compacted row and up
 *   to 500 more. Held to the target;
 * - after the last visit (compacted when everyone left): one row; reported;
 * - never compacted (20,000 rows; compaction failing for good); reported.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits.js';
import { Room } from '../server/collab/room/room.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { buildServices, type Services } from '../server/services.js';
import { EDIT_MODEL, seeded, Writer } from './meetingClient.js';

export const OPEN_TARGETS = { openMs: 30, edits: 20_000 };

const OPENS = 7;

/** Users, a partnership and a meeting, written directly. */
async function plantMeeting(services: Services): Promise<{ meetingId: string; coach: string; teacher: string }> {
  const { db } = services;
  const at = new Date().toISOString();
  const [coach, teacher, partnership, meetingId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  for (const [id, name] of [
    [coach, 'Bench Coach'],
    [teacher, 'Bench Teacher'],
  ] as const) {
    await db
      .insertInto('users')
      .values({ id, name, email: `${id}@bench.test`, password_hash: 'x', created_at: at, deleted_at: null })
      .execute();
  }
  await db
    .insertInto('partnerships')
    .values({ id: partnership, coach_id: coach, teacher_id: teacher, created_at: at, closed_at: null })
    .execute();
  await db
    .insertInto('meetings')
    .values({
      id: meetingId,
      partnership_id: partnership,
      title: '',
      title_given: 0,
      number: 1,
      created_by: coach,
      created_at: at,
      ended_at: null,
      action_step_preview: null,
    })
    .execute();
  return { meetingId, coach, teacher };
}

/** `edits` keystroke-sized updates by two partners who see each other's edits at once. */
function meetingUpdates(edits: number): { update: Uint8Array; partner: 0 | 1; clientId: number }[] {
  const model = { ...EDIT_MODEL, minChars: 1, maxChars: 3 };
  const writers = [new Writer(0, seeded(11), model), new Writer(1, seeded(12), model)] as const;
  const out: { update: Uint8Array; partner: 0 | 1; clientId: number }[] = [];
  for (let i = 0; i < edits; i++) {
    const partner = (i % 2) as 0 | 1;
    const update = writers[partner].write();
    if (!update) continue;
    writers[partner === 0 ? 1 : 0].apply(update);
    out.push({ update, partner, clientId: writers[partner].doc.clientID });
  }
  return out;
}

/**
 * Opens the meeting as a room does `OPENS` times: the fastest (the server's own cost: this is the same work each time,
 * and on a shared machine the slower ones measure the neighbours too) and the median, ms.
 */
async function timeOpens(services: Services, meetingId: string): Promise<{ fastest: number; median: number }> {
  const times: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const started = performance.now();
    const room = new Room(meetingId, services);
    await room.ready;
    times.push(performance.now() - started);
    await room.unload();
  }
  times.sort((a, b) => a - b);
  return {
    fastest: +(times[0] as number).toFixed(1),
    median: +(times[Math.floor(times.length / 2)] as number).toFixed(1),
  };
}

async function rowCount(services: Services, meetingId: string): Promise<number> {
  const row = await services.db
    .selectFrom('doc_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function runOpenBench(): Promise<string[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-open-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  });
  const services = await buildServices(config, createLogger('warn', true));
  try {
    const updates = meetingUpdates(OPEN_TARGETS.edits);
    const live = await plantMeeting(services);
    const raw = await plantMeeting(services);
    // As the live path stores them: in batches, owners with the first update under each client id,
    // and the room's compaction once the log holds more than `LIMITS.compactAfterUpdates` rows.
    const owned = new Set<number>();
    let rows = 0;
    for (let i = 0; i < updates.length; i += 50) {
      const batch = updates.slice(i, i + 50);
      await Promise.all(
        batch.flatMap(({ update, partner, clientId }) => {
          const claims = owned.has(clientId) ? [] : [clientId];
          owned.add(clientId);
          const user = (m: typeof live) => (partner === 0 ? m.coach : m.teacher);
          return [
            services.documents.append(live.meetingId, update, user(live), claims),
            services.documents.append(raw.meetingId, update, user(raw), claims),
          ];
        }),
      );
      rows += batch.length;
      if (rows - 1 >= LIMITS.compactAfterUpdates) {
        const { before, after } = await services.documents.compact(live.meetingId);
        rows -= before - after;
      }
    }
    const doc = new Y.Doc();
    for (const { update } of updates) Y.applyUpdate(doc, update);
    const size = {
      characters: [...doc.share.keys()].reduce((n, key) => n + doc.get(key, Y.XmlText).toString().length, 0),
      bytes: Y.encodeStateAsUpdate(doc).byteLength,
    };
    doc.destroy();

    const midVisit = { rows: await rowCount(services, live.meetingId), ...(await timeOpens(services, live.meetingId)) };
    const never = { rows: await rowCount(services, raw.meetingId), ...(await timeOpens(services, raw.meetingId)) };
    await services.documents.compact(live.meetingId);
    const afterVisit = {
      rows: await rowCount(services, live.meetingId),
      ...(await timeOpens(services, live.meetingId)),
    };

    console.log(
      `\nOpening a ${updates.length}-edit meeting from disk (${size.bytes} bytes encoded, ${size.characters} characters of markup and text), server-side, ms (fastest, median of ${OPENS} opens):`,
    );
    console.log(
      `  as the live path leaves it (${midVisit.rows} rows): ${midVisit.fastest}, ${midVisit.median} (fastest held to ≤ ${OPEN_TARGETS.openMs} ms)\n` +
        `  after the last visit's compaction (${afterVisit.rows} row): ${afterVisit.fastest}, ${afterVisit.median} (reported)\n` +
        `  never compacted (${never.rows} rows): ${never.fastest}, ${never.median} (reported)`,
    );
    return midVisit.fastest > OPEN_TARGETS.openMs
      ? [`opening a ${updates.length}-edit meeting from disk ${midVisit.fastest} ms > ${OPEN_TARGETS.openMs} ms`]
      : [];
  } finally {
    await services.history.close();
    await services.documents.flush();
    await services.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const failures = await runOpenBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}
