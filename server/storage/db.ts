/**
 * Opens the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when
 * a URL is given. Runs migrations before returning.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database as Schema } from './schema.js';
import { allMigrations } from './migrations/index.js';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  /** The raw SQLite handle (for prepared statements on the hot path and backups); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** SQLite's WAL checkpoints, off the event loop; absent on PostgreSQL. */
  checkpointer?: WalCheckpointer;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  sqlitePath: string;
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /**
   * Told when PostgreSQL drops an idle connection (a restart, a failover, an
   * administrator). The pool opens a new one when next needed; without a
   * listener the error would end the process.
   */
  onConnectionLost?: (err: Error) => void;
  /** Told when SQLite's checkpoint worker fails (the connection then checkpoints for itself; walCheckpointer.ts). */
  onCheckpointProblem?: (message: string) => void;
}

// PostgreSQL returns bigint (int8) as string by default; our ids fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let database: Database;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    pool.on('error', (err) => options.onConnectionLost?.(err));
    // A connection lost while checked out between two queries (a transaction, the compactor's lock) is
    // an 'error' on its client, which would end the process unheard: the query under way or the next one
    // fails and is reported by its caller, and the pool drops the client when it comes back.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    database = { db, dialect: 'postgres', sqlite: null, close: () => db.destroy() };
  } else {
    mkdirSync(path.dirname(options.sqlitePath), { recursive: true, mode: 0o700 });
    ownerOnly(options.sqlitePath);
    const sqlite = new SQLite(options.sqlitePath);
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL keeps every commit across a process crash; FULL adds an fsync per commit for power loss.
    sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
    const checkpointer = startWalCheckpointer(options.sqlitePath, sqlite, options.onCheckpointProblem ?? (() => {}));
    database = {
      db,
      dialect: 'sqlite',
      sqlite,
      checkpointer,
      close: async () => {
        await checkpointer.stop();
        await db.destroy();
      },
    };
  }
  await migrate(database);
  return database;
}

/**
 * Creates the SQLite file readable and writable by its owner only (0600), and narrows an older one to that:
 * it holds everyone's notes. SQLite gives the `-wal` and `-shm` files the database file's mode.
 */
function ownerOnly(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(f)) chmodSync(f, 0o600);
  }
}

async function migrate({ db, dialect }: Database): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(allMigrations(dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}
