/**
 * Two processes on one meeting, and PostgreSQL unreachable for a moment (a proxy in front of it is cut):
 * nothing typed meanwhile is acknowledged as Saved or shown to the partner on the other process; once
 * PostgreSQL is back everything is stored and both partners converge. Skipped, saying why, without
 * PostgreSQL or `redis-server`.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../helpers/backends.js';
import type { ChildServer } from '../helpers/childServer.js';
import {
  clusterUnavailableReason,
  keepProcessLogs,
  OwnRedis,
  sleep,
  startProcesses,
  waitFor,
} from '../helpers/cluster.js';
import { allSaved, connectCollab, synced, text, type CollabClient } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';

const PROCESS_TEST_TIMEOUT_MS = 120_000;
const skipReason = await clusterUnavailableReason();
if (skipReason) console.warn(`[tests] Skipping the PostgreSQL-outage cluster test: ${skipReason}`);

describe.skipIf(skipReason !== null)('PostgreSQL unreachable under two processes', () => {
  let redis: OwnRedis;
  let proxy: TcpProxy;
  let database: { url: string; drop: () => Promise<void> };
  const servers: ChildServer[] = [];
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createPostgresDatabase();
    const direct = new URL(database.url);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const env = { DATABASE_URL: proxied.toString(), REDIS_URL: redis.url, REDIS_KEY_PREFIX: `pgloss-${Date.now()}:` };
    servers.push(...(await startProcesses(env, 2)));
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    keepProcessLogs(servers);
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(servers.map((s) => s.stop()));
    await proxy?.close();
    await redis?.kill();
    await database?.drop();
  }, PROCESS_TEST_TIMEOUT_MS);

  const open = (server: ChildServer, meetingId: string, cookie: string): CollabClient => {
    const client = connectCollab(server, meetingId, cookie);
    clients.push(client);
    return client;
  };

  it(
    'acknowledges nothing while it is away, then stores everything and both partners converge',
    async () => {
      const [a, b] = servers as [ChildServer, ChildServer];
      const { meeting, coach: coachUser, teacher: teacherUser } = await buildMeeting(a);
      const coach = open(a, meeting.id, coachUser.cookie);
      const teacher = open(b, meeting.id, teacherUser.cookie);
      await Promise.all([synced(coach), synced(teacher)]);
      coach.doc.get('goal', Y.XmlText).insert(0, 'Before. ');
      await allSaved(coach);
      await waitFor(() => text(teacher.doc, 'goal') === 'Before. ', 'the teacher sees the first words');

      proxy.cut();
      coach.doc.get('goal', Y.XmlText).insert(8, 'During the outage. ');
      teacher.doc.get('strengths', Y.XmlText).insert(0, 'Teacher, meanwhile.');
      await sleep(2_000);
      // Not stored, so not Saved, and not relayed to the partner either.
      expect(coach.saved.isSaved()).toBe(false);
      expect(teacher.saved.isSaved()).toBe(false);
      expect(text(teacher.doc, 'goal')).toBe('Before. ');
      expect(text(coach.doc, 'strengths')).toBe('');

      proxy.restore();
      await waitFor(() => coach.saved.isSaved(), 'the coach Saved after the outage', 30_000);
      await waitFor(() => teacher.saved.isSaved(), 'the teacher Saved after the outage', 30_000);
      await waitFor(
        () =>
          text(teacher.doc, 'goal') === 'Before. During the outage. ' &&
          text(coach.doc, 'strengths') === 'Teacher, meanwhile.',
        'both partners converge',
        30_000,
      );

      // Stored: a fresh reader on either process gets it all from the log.
      for (const server of [a, b]) {
        const reader = open(server, meeting.id, teacherUser.cookie);
        await synced(reader);
        expect(text(reader.doc, 'goal')).toBe('Before. During the outage. ');
        expect(text(reader.doc, 'strengths')).toBe('Teacher, meanwhile.');
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
