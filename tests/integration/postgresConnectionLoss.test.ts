/**
 * PostgreSQL drops the server's connections (a restart, a failover, an
 * administrator): the server keeps running, opens new connections when it
 * next needs them, and keeps storing the notes.
 */
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from '../helpers/backends.js';
import { allSaved, connectCollab, synced, text } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const unavailable = await postgresUnavailableReason();
if (unavailable) console.warn(`[tests] Skipping the PostgreSQL connection-loss test: ${unavailable}`);

describe.skipIf(unavailable !== null)('when PostgreSQL drops the connections', () => {
  let server: TestServer;
  const lines: string[] = [];
  let onLine: (() => void) | null = null;

  beforeAll(async () => {
    server = await startTestServer({
      backend: 'postgres',
      logLevel: 'warn',
      logSink: (line) => {
        lines.push(line);
        onLine?.();
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps serving and storing, with a warning in the log', async () => {
    const { meeting, coach } = await buildMeeting(server);
    const a = connectCollab(server, meeting.id, coach.cookie);
    await synced(a);
    const goal = a.doc.get('goal', Y.XmlText);
    goal.insert(0, 'Before the outage. ');
    await allSaved(a);

    const warned = new Promise<void>((resolve) => {
      onLine = () => {
        if (lines.some((l) => l.includes('PostgreSQL closed an idle connection'))) resolve();
      };
    });
    const admin = new pg.Client({ connectionString: server.config.databaseUrl });
    await admin.connect();
    const { rowCount } = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await admin.end();
    expect(rowCount).toBeGreaterThan(0);
    await warned;

    // Every pooled connection was cut at once, but the pool hears of each in its own time: a request that
    // takes a connection whose notice has not arrived yet fails once (500), and the pool drops that one.
    // What must hold is that the server carries on: answering, and storing every edit.
    await expect.poll(async () => (await coach.client.get('/api/me')).status, { timeout: 10_000 }).toBe(200);
    goal.insert(goal.length, 'After the outage.');
    await allSaved(a);
    a.destroy();
    const late = connectCollab(server, meeting.id, coach.cookie);
    await synced(late);
    expect(text(late.doc, 'goal')).toBe('Before the outage. After the outage.');
    late.destroy();
  });
});
