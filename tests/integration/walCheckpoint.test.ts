/**
 * SQLite's checkpoints run on a worker thread (server/storage/walCheckpointer.ts): the server's own
 * connection never checkpoints inside a commit, the worker keeps the write-ahead log from growing, and
 * when the worker is stopped the connection checkpoints for itself again. Real database file.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/storage/db.js';

describe('SQLite checkpoints off the event loop', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-wal-'));
  const file = path.join(dir, 'tandem.db');
  let database: Database;
  const problems: string[] = [];

  beforeAll(async () => {
    database = await openDatabase({ sqlitePath: file, onCheckpointProblem: (m) => problems.push(m) });
    database.sqlite?.exec('create table scratch (id integer primary key, data blob)');
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sqlite = () => database.sqlite as NonNullable<Database['sqlite']>;
  const walBytes = () => statSync(`${file}-wal`).size;
  const writeMiB = (mib: number) => {
    const insert = sqlite().prepare('insert into scratch (data) values (?)');
    const blob = Buffer.alloc(256 * 1024, 1);
    for (let i = 0; i < mib * 4; i++) sqlite().transaction(() => insert.run(blob))();
  };

  it("leaves the server's connection out of checkpointing", () => {
    expect(sqlite().pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(database.checkpointer).toBeDefined();
  });

  it('checkpoints the whole log on the worker, so the log starts over instead of growing', async () => {
    const checkpointer = database.checkpointer;
    if (!checkpointer) throw new Error('no checkpointer');
    writeMiB(8);
    const first = await checkpointer.checkpoint();
    expect(first.log).toBeGreaterThan(0);
    expect(first.checkpointed).toBe(first.log);
    const afterFirst = walBytes();
    // Each round is checkpointed before the next: the log is reused from its start, not appended to.
    for (let round = 0; round < 4; round++) {
      writeMiB(8);
      const result = await checkpointer.checkpoint();
      expect(result.checkpointed).toBe(result.log);
    }
    expect(walBytes()).toBeLessThanOrEqual(afterFirst + 256 * 1024);
    const rows = sqlite().prepare('select count(*) as n from scratch').get() as { n: number };
    expect(rows.n).toBe(5 * 8 * 4);
    expect(problems).toEqual([]);
  });

  it('hands checkpointing back to the connection when the worker stops', async () => {
    await database.checkpointer?.stop();
    expect(sqlite().pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await expect(database.checkpointer?.checkpoint()).rejects.toThrow();
  });
});
