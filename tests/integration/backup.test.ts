/**
 * `npm run backup -- <file>` against a running server while partners type:
 * the copy is a valid database holding every edit acknowledged before the
 * backup began, and the README's restore steps bring it back.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SECTION_IDS } from '../../shared/sections.js';
import { startChildServer, type ChildServer } from '../helpers/childServer.js';
import { connectCollab, synced, waitForDoc, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { missing, startTypist, tokensIn } from '../helpers/typist.js';

/** Starting a server process (TypeScript compiled on the fly) takes seconds on a busy machine. */
const PROCESS_TEST_TIMEOUT_MS = 180_000;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run backup -- <args>` from the repository root with `env` added. */
function runBackup(args: string[], env: Record<string, string>): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'backup', '--', ...args], { cwd: ROOT, env: childEnv }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Every section's text in the meeting's stored log, read straight from a database file. */
function storedDoc(file: string, meetingId: string): Y.Doc {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[string], { data: Buffer }>('select data from doc_updates where meeting_id = ? order by id')
      .all(meetingId);
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, row.data);
    return doc;
  } finally {
    db.close();
  }
}

describe('npm run backup', () => {
  let workDir: string;
  let server: ChildServer | null = null;
  const clients: CollabClient[] = [];

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'tandem-backup-'));
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.stop();
    server = null;
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it(
    'copies the running database with every edit acknowledged before it began, and restores',
    async () => {
      server = await startChildServer();
      const { meeting, coach, teacher } = await buildMeeting(server);
      const a = connectCollab(server, meeting.id, coach.cookie);
      const b = connectCollab(server, meeting.id, teacher.cookie);
      clients.push(a, b);
      await Promise.all([synced(a), synced(b)]);
      const coachTypist = startTypist(a, { prefix: 'c', sections: ['goal', 'practicePlan'] });
      const teacherTypist = startTypist(b, { prefix: 't', sections: ['currentReality'] });
      coachTypist.start(20);
      teacherTypist.start(25);
      await waitForDoc(b.doc, (d) => (tokensIn(d, SECTION_IDS).byPrefix.get('c')?.size ?? 0) >= 100, 'typing');

      const acked = [...coachTypist.acked(), ...teacherTypist.acked()];
      const file = path.join(workDir, 'backups', 'tandem-backup.sqlite');
      const run = await runBackup([file], { DATA_DIR: server.dataDir });
      const ackedAfter = coachTypist.acked().size + teacherTypist.acked().size;
      coachTypist.stop();
      teacherTypist.stop();

      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('integrity ok');
      expect(existsSync(`${file}.partial`)).toBe(false);
      const copy = new SQLite(file, { readonly: true, fileMustExist: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('select count(*) from users').pluck().get()).toBe(2);
      copy.close();
      const backedUp = tokensIn(storedDoc(file, meeting.id), SECTION_IDS);
      const all = new Set([...(backedUp.byPrefix.get('c') ?? []), ...(backedUp.byPrefix.get('t') ?? [])]);
      expect(acked.length).toBeGreaterThan(0);
      expect(missing(acked, all)).toEqual([]);
      expect(backedUp.duplicates).toBe(0);
      // The server kept storing edits while the copy was taken.
      expect(ackedAfter).toBeGreaterThan(acked.length);

      // Restore as the README says: stop the server, replace the file, remove -wal and -shm, start.
      await server.kill('SIGTERM');
      for (const c of clients.splice(0)) c.destroy();
      copyFileSync(file, server.sqlitePath);
      rmSync(`${server.sqlitePath}-wal`, { force: true });
      rmSync(`${server.sqlitePath}-shm`, { force: true });
      await server.restart();
      const reader = connectCollab(server, meeting.id, coach.cookie);
      clients.push(reader);
      await synced(reader);
      const restored = tokensIn(reader.doc, SECTION_IDS);
      expect(restored.byPrefix).toEqual(backedUp.byPrefix);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'refuses when DATABASE_URL is set and points to pg_dump',
    async () => {
      const file = path.join(workDir, 'pg.sqlite');
      const run = await runBackup([file], { DATABASE_URL: 'postgres://tandem@127.0.0.1:5432/tandem' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('pg_dump');
      expect(existsSync(file)).toBe(false);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'explains its usage, a missing database and an existing file, and writes nothing',
    async () => {
      const usage = await runBackup([], { DATA_DIR: workDir });
      expect(usage.code).toBe(64);
      expect(usage.stderr).toContain('Usage: npm run backup -- <file>');

      const emptyDir = path.join(workDir, 'no-data-here');
      const noDatabase = await runBackup([path.join(workDir, 'x.sqlite')], { DATA_DIR: emptyDir });
      expect(noDatabase.code).toBe(66);
      expect(noDatabase.stderr).toContain('no database');
      expect(existsSync(emptyDir)).toBe(false);

      const dataDir = mkdtempSync(path.join(workDir, 'data-'));
      new SQLite(path.join(dataDir, 'tandem.sqlite')).close();
      const existing = path.join(workDir, 'existing.sqlite');
      writeFileSync(existing, 'keep me');
      const refused = await runBackup([existing], { DATA_DIR: dataDir });
      expect(refused.code).toBe(73);
      expect(refused.stderr).toContain('already exists');
      expect(readFileSync(existing, 'utf8')).toBe('keep me');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
