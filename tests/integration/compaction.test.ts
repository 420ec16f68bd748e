/**
 * Compaction never loses data: a meeting's log is compacted over and over
 * while both partners type (and delete), the compacting process is killed in
 * the middle of it, and the stored document still equals everything they wrote.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SECTION_IDS } from '../../shared/sections.js';
import { createLogger } from '../../server/logger.js';
import type { Database } from '../../server/storage/db.js';
import { createDocumentStore } from '../../server/storage/documentStore.js';
import type { Database as Schema } from '../../server/storage/schema.js';
import { backendsToTest } from '../helpers/backends.js';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { allSaved, connectCollab, synced, text, waitForDoc, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { startTypist, tokensIn, type Typist } from '../helpers/typist.js';

/** Starting server and compactor processes (TypeScript compiled on the fly) takes seconds on a busy machine. */
const PROCESS_TEST_TIMEOUT_MS = 180_000;

const COMPACTOR = fileURLToPath(new URL('../helpers/compactorProcess.ts', import.meta.url));

const clients: CollabClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

function open(...args: Parameters<typeof connectCollab>): CollabClient {
  const client = connectCollab(...args);
  clients.push(client);
  return client;
}

/** Fills a section with a long history (inserts and deletions) so that each compaction takes a while. */
function writeLongHistory(doc: Y.Doc, edits: number): void {
  const section = doc.get('modelledStrategy', Y.XmlText);
  // Twenty edits per update: a long history in few enough frames to stay within a socket's burst limit.
  for (let start = 0; start < edits; start += 20) {
    doc.transact(() => {
      for (let i = start; i < Math.min(edits, start + 20); i++) {
        if (i % 5 === 4) section.delete(Math.floor(section.length / 3), 40);
        else section.insert(section.length, `Step ${i}: name the move, model it, then let them try it. `.repeat(3));
      }
    });
  }
}

function sectionTexts(doc: Y.Doc): Record<string, string> {
  return Object.fromEntries(SECTION_IDS.map((id) => [id, text(doc, id)]));
}

interface CompactorRun {
  /** Rounds the compactor finished before it was killed, with the log size before each. */
  finished: { before: number; after: number }[];
  /** True when the last word from the compactor was that a round had begun. */
  killedMidRound: boolean;
}

/**
 * Runs the compactor on the server's database file until it has finished
 * `rounds` rounds and begun the next, then kills it with SIGKILL a moment into
 * that round; or, with `inside`, has it kill itself inside that round's
 * transaction, after deleting the old rows or after inserting the compacted one.
 */
function compactThenKill(
  sqlitePath: string,
  meetingId: string,
  rounds: number,
  inside?: 'delete' | 'insert',
): Promise<CompactorRun> {
  const dieArgs = inside ? [String(rounds + 1), inside] : [];
  const child = fork(COMPACTOR, [sqlitePath, meetingId, '20', ...dieArgs], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const finished: CompactorRun['finished'] = [];
  let last = '';
  return new Promise((resolve, reject) => {
    child.on('message', (message: { kind: string; round: number; before?: number; after?: number }) => {
      last = message.kind;
      if (message.kind === 'end') finished.push({ before: message.before ?? 0, after: message.after ?? 0 });
      // Without `inside`, the parent kills it a moment into the round; with it, the compactor kills itself.
      if (!inside && message.kind === 'begin' && message.round === rounds + 1) {
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 10);
      }
    });
    // 'close' comes after the last IPC message has been read, so `last` is final.
    child.once('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`compactor ended on its own (code ${code}):\n${stderr}`));
      else resolve({ finished, killedMidRound: last === 'begin' });
    });
  });
}

/** Coach and teacher connected, a long history written, both typing and deleting. */
async function partnersTyping(target: { url: string; wsUrl: string }) {
  const fixture = await buildMeeting(target);
  const coach = open(target, fixture.meeting.id, fixture.coach.cookie);
  const teacher = open(target, fixture.meeting.id, fixture.teacher.cookie);
  await Promise.all([synced(coach), synced(teacher)]);
  writeLongHistory(coach.doc, 800);
  await allSaved(coach);
  const coachTypist = startTypist(coach, { prefix: 'c', sections: ['goal', 'practicePlan'], deleteEvery: 7 });
  const teacherTypist = startTypist(teacher, {
    prefix: 't',
    sections: ['currentReality', 'practicePlan'],
    deleteEvery: 9,
  });
  // Brisk but human: within the per-socket limit of LIMITS.collabMessagesPerSecond.
  coachTypist.start(20);
  teacherTypist.start(25);
  return { fixture, coach, teacher, coachTypist, teacherTypist };
}

type Partners = Awaited<ReturnType<typeof partnersTyping>>;

/** Stops typing and waits until every edit is stored; returns the document both partners now see. */
async function finishTyping(p: Partners): Promise<Record<string, string>> {
  p.coachTypist.stop();
  p.teacherTypist.stop();
  await Promise.all([allSaved(p.coach), allSaved(p.teacher)]);
  // Each partner's doc holds the other's edits (deletions too) only once the server has stored them.
  await converged(p.coach.doc, p.teacher.doc);
  return sectionTexts(p.coach.doc);
}

/** A fresh client's copy equals `expected`: every token typed and not deleted, once, and nothing else. */
async function expectStored(target: { wsUrl: string }, p: Partners, expected: Record<string, string>) {
  const reader = open(target, p.fixture.meeting.id, p.fixture.coach.cookie);
  await synced(reader);
  expect(sectionTexts(reader.doc)).toEqual(expected);
  const stored = tokensIn(reader.doc, SECTION_IDS);
  const alive = (t: Typist) => t.typed.filter((token) => !t.deleted.has(token)).sort();
  expect([...(stored.byPrefix.get('c') ?? [])].sort()).toEqual(alive(p.coachTypist));
  expect([...(stored.byPrefix.get('t') ?? [])].sort()).toEqual(alive(p.teacherTypist));
  expect(p.coachTypist.deleted.size + p.teacherTypist.deleted.size).toBeGreaterThan(0);
  expect(stored.duplicates).toBe(0);
}

describe('compaction on SQLite', () => {
  let server: ChildServer | null = null;

  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it(
    'loses nothing when the compacting process is killed mid-compaction while partners type',
    async () => {
      server = await startChildServer();
      const partners = await partnersTyping(server);

      // A second process compacts the same log, with the server's own code, and is killed: at a random
      // moment, then inside the transaction after the delete, then after the insert that would replace it.
      const runs: CompactorRun[] = [];
      for (const inside of [undefined, 'delete', 'insert'] as const) {
        const rounds = 1 + Math.floor(Math.random() * 2);
        runs.push(await compactThenKill(server.sqlitePath, partners.fixture.meeting.id, rounds, inside));
      }
      const expected = await finishTyping(partners);

      // Kill the server too and read what is on disk through a fresh process and client.
      await server.kill('SIGKILL');
      await server.restart();
      await expectStored(server, partners, expected);
      // The runs compacted real logs, and the two that died inside a compaction did so.
      expect(runs.every((r) => r.finished.length > 0)).toBe(true);
      expect(runs.some((r) => r.finished.some((f) => f.before > 1))).toBe(true);
      expect(runs.slice(1).map((r) => r.killedMidRound)).toEqual([true, true]);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

function sameTexts(a: Y.Doc, b: Y.Doc): boolean {
  return SECTION_IDS.every((id) => text(a, id) === text(b, id));
}

/** Resolves once both docs read the same, checking whenever either changes. */
function converged(a: Y.Doc, b: Y.Doc): Promise<void> {
  return Promise.race([
    waitForDoc(a, () => sameTexts(a, b), 'partners converge'),
    waitForDoc(b, () => sameTexts(a, b), 'partners converge'),
  ]);
}

const backends = await backendsToTest();

describe.runIf(backends.includes('postgres'))('compaction on PostgreSQL', () => {
  let pgServer: TestServer;

  beforeAll(async () => {
    pgServer = await startTestServer({ backend: 'postgres' });
  });

  afterAll(async () => {
    await pgServer.stop();
  });

  it(
    'loses nothing when the compacting session dies mid-compaction while partners type',
    async () => {
      const partners = await partnersTyping(pgServer);
      const meetingId = partners.fixture.meeting.id;
      const compactor = openCompactor(pgServer.config.databaseUrl ?? '');
      const outcomes: string[] = [];
      try {
        for (let i = 0; i < 8; i++) {
          // On even rounds another session holds a row of the log, so the compaction is certain to be
          // waiting inside its transaction when its session dies; on odd ones it dies at a random moment.
          const holder = i % 2 === 0 ? await holdFirstRow(pgServer.config.databaseUrl ?? '', meetingId) : null;
          const run = compactor.store.compact(meetingId).then(
            () => 'finished',
            () => 'killed',
          );
          if (holder) await waitForLockWait(pgServer.config.databaseUrl ?? '', meetingId);
          else await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
          await compactor.terminate();
          outcomes.push(await run);
          await holder?.release();
          // Let some more edits land in the log before the next round.
          const seen = tokensIn(partners.teacher.doc, SECTION_IDS).byPrefix.get('c')?.size ?? 0;
          await received(partners.teacher, 'c', seen + 10);
        }
      } finally {
        await compactor.close();
      }
      const expected = await finishTyping(partners);

      await pgServer.restart();
      await expectStored(pgServer, partners, expected);
      expect(outcomes.filter((_, i) => i % 2 === 0)).toEqual(['killed', 'killed', 'killed', 'killed']);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('keeps a row another writer commits while the compaction runs', async () => {
    const { meeting } = await buildMeeting(pgServer);
    const store = pgServer.server.services.documents;
    await store.append(meeting.id, updateWriting('goal', 'first '), null);
    await store.append(meeting.id, updateWriting('goal', 'second '), null);

    // Another process (a second server, later) has inserted a row and not committed yet; it also holds a
    // row lock, so that the compaction's select waits for it and the commit lands between select and delete.
    const other = new pg.Client({ connectionString: pgServer.config.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('insert into doc_updates (meeting_id, data, user_id, created_at) values ($1, $2, null, $3)', [
        meeting.id,
        Buffer.from(updateWriting('currentReality', 'from the other writer')),
        new Date().toISOString(),
      ]);
      await other.query('select id from doc_updates where meeting_id = $1 order by id limit 1 for update', [
        meeting.id,
      ]);
      // Committed after the other writer's row was numbered: its id is higher.
      await store.append(meeting.id, updateWriting('goal', 'third'), null);

      const compaction = store.compact(meeting.id);
      await waitForLockWait(pgServer.config.databaseUrl ?? '', meeting.id);
      await other.query('commit');
      await compaction;
    } finally {
      await other.end();
    }

    const doc = new Y.Doc();
    for (const update of (await store.load(meeting.id)).updates) Y.applyUpdate(doc, update);
    expect(text(doc, 'currentReality')).toBe('from the other writer');
    expect(text(doc, 'goal')).toContain('third');
  });
});

/**
 * A compactor with a database session of its own (its own pool), and a way to
 * kill that session from the database side (`pg_terminate_backend`).
 */
function openCompactor(databaseUrl: string) {
  const applicationName = `tandem-compactor-${Math.random().toString(36).slice(2)}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, application_name: applicationName, max: 2 });
  // Killed sessions are the point of the test: their errors are expected and must not crash the runner.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const database: Database = { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  return {
    store: createDocumentStore(database, createLogger('silent', false)),
    async terminate() {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
        applicationName,
      ]);
      await admin.end();
    },
    close: () => database.close(),
  };
}

/** Resolves once `client` holds at least `count` tokens with `prefix` (they came through the server). */
function received(client: CollabClient, prefix: string, count: number): Promise<void> {
  return waitForDoc(
    client.doc,
    (doc) => (tokensIn(doc, SECTION_IDS).byPrefix.get(prefix)?.size ?? 0) >= count,
    `${count} tokens from ${prefix}`,
  );
}

/** An update from a new writer (its own Yjs client id) that appends `words` to `section`. */
function updateWriting(section: string, words: string): Uint8Array {
  const doc = new Y.Doc();
  doc.get(section, Y.XmlText).insert(0, words);
  return Y.encodeStateAsUpdate(doc);
}

/** Another session locks the first row of a meeting's log until released, as a concurrent writer might. */
async function holdFirstRow(databaseUrl: string, meetingId: string): Promise<{ release(): Promise<void> }> {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query('select id from doc_updates where meeting_id = $1 order by id limit 1 for update', [meetingId]);
  return {
    async release() {
      await holder.query('commit');
      await holder.end();
    },
  };
}

/** Resolves once some session is waiting for a row lock on a meeting's log (the compaction's select). */
async function waitForLockWait(databaseUrl: string, meetingId: string): Promise<void> {
  // A session of its own: inside a transaction, pg_stat_activity would answer from a frozen snapshot.
  const watcher = new pg.Client({ connectionString: databaseUrl });
  await watcher.connect();
  try {
    for (let i = 0; i < 500; i++) {
      const { rows } = await watcher.query<{ n: string }>(
        `select count(*) as n from pg_stat_activity
          where wait_event_type = 'Lock' and query ilike '%doc_updates%for update%' and datname = current_database()`,
      );
      if (Number(rows[0]?.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`compaction of ${meetingId} never waited for the row lock`);
  } finally {
    await watcher.end();
  }
}
