/**
 * Storage backends the integration tests run against. SQLite always; PostgreSQL
 * when the local server answers (each test server gets a database of its own).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type Backend = 'sqlite' | 'postgres';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let available: Promise<string | null> | null = null;

/** Null when PostgreSQL is reachable; otherwise why not. */
export function postgresUnavailableReason(): Promise<string | null> {
  available ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (err) {
      return `PostgreSQL is not reachable at ${ADMIN_URL}: ${(err as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return available;
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Backends to run a suite on, printing why PostgreSQL is left out when it is. */
export async function backendsToTest(): Promise<Backend[]> {
  const reason = await postgresUnavailableReason();
  if (reason) {
    console.warn(`[tests] Skipping PostgreSQL runs: ${reason}`);
    return ['sqlite'];
  }
  return ['sqlite', 'postgres'];
}
