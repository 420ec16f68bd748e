/**
 * The history bench (`npm run bench` runs it after the live one; `tsx
 * bench/history.ts` alone). Measures, against targets:
 * - bytes stored per 1,000 edits: versions of a 20,000-edit meeting recorded
 *   as in production (one automatic version per ~300 edits, five minutes of
 *   typing), next to the compacted log and to the alternative (a gc-off
 *   document with Yjs snapshots);
 * - cold open of that meeting: loading and applying its stored log, before and
 *   after compaction;
 * - opening a version of it server-side (`history.get`): target ≤ 100 ms;
 * - history's extra server CPU per live edit: the same keystroke load on a
 *   server with history and one without, in this run; target ≤ 20 % more.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { buildServices } from '../server/services.js';
import { keystrokeFrames, makeMeeting, open, startServer, waitMessage } from './load.js';

const EDITS = 20_000;
const EDITS_PER_VERSION = 300;
const LIVE_PAIRS = Number(process.env.BENCH_HISTORY_PAIRS ?? 20);
const LIVE_EDITS = Number(process.env.BENCH_HISTORY_EDITS ?? 300);
const TARGETS = { versionOpenMs: 100, cpuRatio: 1.2 };

const ms = (start: number) => +(performance.now() - start).toFixed(1);

/** 20,000 keystrokes into one section, every tenth one a Backspace, as separate updates. */
function typingUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.get('currentReality', Y.XmlText);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < EDITS; i++) {
    if (i % 10 === 9) text.delete(text.length - 1, 1);
    else text.insert(text.length, 'abcdefghij'[i % 10] as string);
  }
  return updates;
}

async function storageFigures() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-history-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  });
  const services = await buildServices(config, createLogger('warn', true));
  try {
    const { db, documents, history, events } = services;
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

    const updates = typingUpdates();
    let recordedAt = Date.now();
    for (let i = 0; i < updates.length; i += EDITS_PER_VERSION) {
      const chunk = updates.slice(i, i + EDITS_PER_VERSION);
      await Promise.all(chunk.map((u) => documents.append(meetingId, u, coach)));
      events.emit('documentStored', { meetingId, userId: coach });
      recordedAt += 6 * 60 * 1000;
      await history.automatic.recordDue(new Date(recordedAt));
    }
    const versions = await db
      .selectFrom('meeting_versions')
      .select(['id', 'state'])
      .where('meeting_id', '=', meetingId)
      .execute();
    const versionBytes = versions.reduce((n, v) => n + v.state.byteLength, 0);

    const coldOpen = async () => {
      const start = performance.now();
      const stored = await documents.load(meetingId);
      const doc = new Y.Doc();
      doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
      doc.destroy();
      return { ms: ms(start), rows: stored.rows, bytes: stored.bytes };
    };
    const uncompacted = await coldOpen();
    await documents.compact(meetingId);
    const compacted = await coldOpen();

    const opens: number[] = [];
    const newest = (await history.list(coach, meetingId)).versions[0]?.id as string;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await history.get(coach, meetingId, newest);
      opens.push(ms(start));
    }
    opens.sort((a, b) => a - b);

    // The alternative: keep deleted content (gc off) and store a Yjs snapshot per version.
    const kept = new Y.Doc({ gc: false });
    let snapshotBytes = 0;
    updates.forEach((u, i) => {
      Y.applyUpdate(kept, u);
      if (i % EDITS_PER_VERSION === EDITS_PER_VERSION - 1)
        snapshotBytes += Y.encodeSnapshot(Y.snapshot(kept)).byteLength;
    });
    const gcOffBytes = Y.encodeStateAsUpdate(kept).byteLength;
    const perThousand = (bytes: number) => Math.round(bytes / (EDITS / 1000));
    return {
      edits: EDITS,
      versions: versions.length,
      bytesPer1000Edits: {
        versions: perThousand(versionBytes),
        compactedLog: perThousand(compacted.bytes),
        uncompactedLog: perThousand(uncompacted.bytes),
        gcOffDocPlusSnapshots: perThousand(gcOffBytes + snapshotBytes),
      },
      coldOpenMs: { uncompacted: uncompacted.ms, compacted: compacted.ms },
      versionOpenMs: { p50: opens[Math.floor(opens.length / 2)] ?? NaN, max: opens.at(-1) ?? NaN },
    };
  } finally {
    await services.history.close();
    await services.documents.flush();
    await services.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Server CPU per live edit (µs), from the first keystroke until every version due is recorded. */
async function liveCpuPerEdit(withHistory: boolean): Promise<number> {
  const { child, port, usage } = await startServer({
    BENCH_HISTORY: withHistory ? 'on' : 'off',
    // Far more often than five minutes of real typing, so the cost is not hidden by a short run.
    BENCH_HISTORY_AUTO_SECONDS: '2',
  });
  const base = `http://127.0.0.1:${port}`;
  const meetings = [];
  for (let i = 0; i < LIVE_PAIRS; i++) meetings.push(await makeMeeting(base, i));
  const sockets: WebSocket[][] = await Promise.all(
    meetings.map(async (m) => [
      await open(`ws://127.0.0.1:${port}`, m.meetingId, m.coach),
      await open(`ws://127.0.0.1:${port}`, m.meetingId, m.teacher),
    ]),
  );
  const frames = keystrokeFrames(LIVE_EDITS);
  const start = await usage();
  await Promise.all(
    sockets.map(
      ([sender, receiver]) =>
        new Promise<void>((resolve) => {
          let received = 0;
          receiver?.on('message', (data: Buffer) => {
            if (data[0] === 0 && data[1] === 2 && ++received === LIVE_EDITS) resolve();
          });
          let i = 0;
          const send = () => {
            if (i >= LIVE_EDITS) return;
            sender?.send(frames[i++] as Uint8Array);
            setTimeout(send, 10);
          };
          send();
        }),
    ),
  );
  for (const pair of sockets) for (const ws of pair) ws.close();
  await new Promise<void>((resolve) => {
    const poll = async () => ((await usage()).rooms === 0 ? resolve() : setTimeout(() => void poll(), 50));
    void poll();
  });
  child.send('settle');
  await waitMessage(child, 'settled');
  const end = await usage();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  return (end.cpuMicros - start.cpuMicros) / (LIVE_PAIRS * LIVE_EDITS);
}

/** Runs the history bench, prints its figures and targets, and returns the targets missed. */
export async function runHistoryBench(): Promise<string[]> {
  const storage = await storageFigures();
  const without = await liveCpuPerEdit(false);
  const withHistory = await liveCpuPerEdit(true);
  const ratio = +(withHistory / without).toFixed(2);
  const results = {
    ...storage,
    liveCpuMicrosPerEdit: { withoutHistory: Math.round(without), withHistory: Math.round(withHistory), ratio },
  };
  console.log(JSON.stringify({ history: results }, null, 2));
  const failures: string[] = [];
  if (storage.versionOpenMs.max > TARGETS.versionOpenMs)
    failures.push(`opening a version ${storage.versionOpenMs.max} ms > ${TARGETS.versionOpenMs} ms`);
  if (ratio > TARGETS.cpuRatio) failures.push(`history CPU per live edit ×${ratio} > ×${TARGETS.cpuRatio}`);
  console.log(
    `History targets: opening a version of a ${EDITS}-edit meeting ≤${TARGETS.versionOpenMs} ms (max ${storage.versionOpenMs.max} ms); ` +
      `CPU per live edit with history ≤×${TARGETS.cpuRatio} of without (×${ratio}).`,
  );
  return failures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const failures = await runHistoryBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}
