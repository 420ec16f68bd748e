/**
 * `npm run backup -- <file>`: writes a consistent copy of Tandem's SQLite
 * database to <file>, safely while the server runs, using SQLite's online
 * backup. It reads the same configuration as the server (`DATA_DIR`); with
 * `DATABASE_URL` set the data is in PostgreSQL, which `pg_dump` backs up.
 *
 * Exit codes: 0 done, 1 failed, 2 PostgreSQL configured, 64 usage, 66 no database, 73 file exists, 78 bad config.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { ConfigError, loadConfig, type Config } from '../server/config.js';

/** Copy every page in one step: one read transaction, so one consistent state, and no restarts. */
const ALL_PAGES = 0x7fffffff;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readConfig(): Config {
  try {
    // A backup signs nothing; a placeholder secret keeps loadConfig from creating one in DATA_DIR.
    return loadConfig({ ...process.env, SESSION_SECRET: process.env.SESSION_SECRET ?? 'backup'.repeat(6) });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 78);
    throw err;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const [file] = args;
  if (args.length !== 1 || !file) {
    fail('Usage: npm run backup -- <file>\nWrites a consistent copy of the SQLite database to <file>.', 64);
  }
  const config = readConfig();
  if (config.databaseUrl) {
    fail(
      'DATABASE_URL is set, so Tandem keeps its data in PostgreSQL, which this command does not copy.\n' +
        'Back it up with pg_dump, for example:  pg_dump --format=custom --file=tandem.dump "$DATABASE_URL"',
      2,
    );
  }
  if (!existsSync(config.sqlitePath)) {
    fail(`There is no database at ${config.sqlitePath}. Set DATA_DIR to the server's data directory.`, 66);
  }
  // Relative to where `npm run` was typed, not to the package root npm runs scripts in.
  const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (existsSync(target)) fail(`${target} already exists. Choose a new file name; nothing was written.`, 73);

  // Written beside the target and renamed once checked, so a failed backup never looks like a good one.
  const partial = `${target}.partial`;
  mkdirSync(path.dirname(target), { recursive: true });
  rmSync(partial, { force: true });
  const source = new SQLite(config.sqlitePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const { totalPages } = await source.backup(partial, { progress: () => ALL_PAGES });
    const copy = new SQLite(partial, { fileMustExist: true });
    const integrity = copy.pragma('integrity_check', { simple: true });
    const meetings = copy.prepare('select count(*) from meetings').pluck().get();
    copy.close();
    if (integrity !== 'ok')
      throw new Error(`the copy failed its integrity check (${String(integrity)}); nothing was kept`);
    renameSync(partial, target);
    process.stdout.write(
      `Backed up ${config.sqlitePath} to ${target}: ${totalPages} pages, ${String(meetings)} meetings, integrity ok.\n`,
    );
  } finally {
    source.close();
    rmSync(partial, { force: true });
  }
}

main().catch((err: unknown) => {
  fail(`Backup failed: ${err instanceof Error ? err.message : String(err)}`, 1);
});
