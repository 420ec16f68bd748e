/**
 * The migration that numbers meetings: meetings that existed before it get
 * 1, 2, 3… per partnership in the order they were started (ties by id, as
 * lists sort them), and titles the server made up from the date are told
 * apart from titles people gave.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../server/storage/db.js';
import { allMigrations } from '../../server/storage/migrations/index.js';
import { backendsToTest, createPostgresDatabase } from '../helpers/backends.js';

const backends = await backendsToTest();

/** An empty database of the given kind, and how to get rid of it. */
async function emptyDatabase(dialect: Dialect): Promise<{ db: Kysely<unknown>; drop: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const created = await createPostgresDatabase();
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: created.url, max: 2 }) }),
    });
    return { db, drop: async () => (await db.destroy(), await created.drop()) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-migration-'));
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(path.join(dir, 'db.sqlite')) }) });
  return { db, drop: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
}

describe.each(backends)('numbering existing meetings on %s', (dialect) => {
  it('numbers them per partnership in the order they were started and marks made-up titles', async () => {
    const { db, drop } = await emptyDatabase(dialect);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(allMigrations(dialect)) } });
      expect((await migrator.migrateTo('004_coaching_cycle')).error).toBeUndefined();
      const at = '2026-11-01T09:00:00.000Z';
      for (const id of ['u1', 'u2']) {
        await sql`insert into users (id, name, email, password_hash, created_at) values (${id}, ${id}, ${`${id}@example.test`}, 'x', ${at})`.execute(
          db,
        );
      }
      for (const id of ['p1', 'p2']) {
        await sql`insert into partnerships (id, coach_id, teacher_id, created_at) values (${id}, 'u1', 'u2', ${at})`.execute(
          db,
        );
      }
      const meetings: [string, string, string, string][] = [
        ['m-c', 'p1', 'Meeting on 3 November 2026', '2026-11-03T09:00:00.000Z'],
        ['m-a', 'p1', 'Goal setting', '2026-11-02T09:00:00.000Z'],
        // Same millisecond: the id decides, as in "newest first" lists.
        ['m-e', 'p1', 'Meeting on 4 November 2026', '2026-11-04T09:00:00.000Z'],
        ['m-d', 'p1', 'Meeting on the fourth', '2026-11-04T09:00:00.000Z'],
        ['m-b', 'p2', 'Meeting on 2 November 2026', '2026-11-02T09:00:00.000Z'],
      ];
      for (const [id, partnership, title, created] of meetings) {
        await sql`insert into meetings (id, partnership_id, title, created_by, created_at) values (${id}, ${partnership}, ${title}, 'u1', ${created})`.execute(
          db,
        );
      }

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const rows = await sql<{ id: string; number: number; title_given: number; finished_at: string | null }>`
        select id, number, title_given, finished_at from meetings order by id`.execute(db);
      expect(rows.rows.map((r) => [r.id, Number(r.number), Number(r.title_given), r.finished_at])).toEqual([
        ['m-a', 1, 1, null],
        ['m-b', 1, 0, null],
        ['m-c', 2, 0, null],
        ['m-d', 3, 1, null],
        ['m-e', 4, 0, null],
      ]);
      const clash = sql`insert into meetings (id, partnership_id, title, created_by, created_at, number) values ('m-f', 'p1', 'x', 'u1', ${at}, 2)`;
      await expect(clash.execute(db)).rejects.toThrow();
    } finally {
      await drop();
    }
  });
});
