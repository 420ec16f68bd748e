/**
 * Per-person and per-address limits across three real processes on one PostgreSQL database and one Redis:
 * sign-in guesses and password-reset emails spread over the processes are stopped at the same total as on
 * one process; sockets per person are counted over all of them; a killed process's sockets stop counting;
 * with Redis gone, each process limits on its own count and nobody is refused for it. Skipped, saying why,
 * without PostgreSQL or `redis-server`.
 */
import type { Socket } from 'socket.io-client';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { LIMITS } from '../../shared/limits.js';
import { createPostgresDatabase } from '../helpers/backends.js';
import type { ChildServer } from '../helpers/childServer.js';
import { clusterUnavailableReason, keepProcessLogs, OwnRedis, sleep, startProcesses } from '../helpers/cluster.js';
import { rawSocket, tryUpgrade } from '../helpers/collabClient.js';
import { buildMeeting, buildUser } from '../helpers/factories.js';
import { HttpClient, type HttpResponse } from '../helpers/http.js';
import { outcome, realtimeSocket } from '../helpers/realtimeClient.js';

const PROCESS_TEST_TIMEOUT_MS = 120_000;
const skipReason = await clusterUnavailableReason();
if (skipReason) console.warn(`[tests] Skipping the cluster limits tests: ${skipReason}`);

function expectRateLimited(res: HttpResponse): void {
  expect(res.status).toBe(429);
  expect(ErrorBodySchema.parse(res.body).error).toEqual({
    id: 'rate_limited',
    message: 'Too many attempts. Please wait a moment and try again.',
  });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

const TOO_MANY_TABS = {
  id: 'too_many_connections',
  message: 'Tandem is open in too many tabs. Close a few and try again.',
};

describe.skipIf(skipReason !== null)('limits across several processes (PostgreSQL + Redis)', () => {
  let redis: OwnRedis;
  let database: { url: string; drop: () => Promise<void> };
  const servers: ChildServer[] = [];
  const sockets: WebSocket[] = [];
  const realtime: Socket[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    database = await createPostgresDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: `limits-${Date.now()}:` };
    servers.push(...(await startProcesses(env, 3)));
  }, PROCESS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    keepProcessLogs(servers);
    for (const ws of sockets.splice(0)) ws.terminate();
    for (const s of realtime.splice(0)) s.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.kill();
    await database?.drop();
  }, PROCESS_TEST_TIMEOUT_MS);

  const at = (i: number) => servers[i % 3] as ChildServer;
  const login = (i: number, email: string, password: string) =>
    new HttpClient(at(i).url).post('/api/auth/login', { email, password });

  it('stops password guessing on one account at the same total, wherever the guesses land', async () => {
    const target = await buildUser(at(0));
    for (let i = 0; i < LIMITS.loginFailuresPerAccount; i++) {
      expect((await login(i, target.email, `guess number ${i}`)).status).toBe(401);
    }
    for (let i = 0; i < 3; i++) expectRateLimited(await login(i, target.email, 'one more guess'));
    // Even the right password waits, on every process.
    expectRateLimited(await login(2, target.email, target.password));
    const bystander = await buildUser(at(1));
    expect((await login(2, bystander.email, bystander.password)).status).toBe(200);
  });

  it('sends no more password-reset emails to one address than one process would', async () => {
    const person = await buildUser(at(0));
    const ask = (i: number) => new HttpClient(at(i).url).post('/api/auth/password-reset', { email: person.email });
    for (let i = 0; i < LIMITS.passwordResetsPerAddress; i++) expect((await ask(i)).status).toBe(204);
    for (let i = 0; i < 3; i++) expectRateLimited(await ask(i));
  });

  it('counts a person’s collaboration sockets over every process', async () => {
    const { meeting, coach, teacher } = await buildMeeting(at(0));
    const path = `${COLLAB_PATH}/${meeting.id}`;
    const mine: WebSocket[] = [];
    for (let i = 0; i < LIMITS.maxCollabConnectionsPerUser; i++) {
      mine.push(await rawSocket(at(i), meeting.id, coach.cookie));
    }
    sockets.push(...mine);
    for (let i = 0; i < 3; i++) {
      const refused = await tryUpgrade(at(i), path, coach.cookie);
      expect(refused.status).toBe(429);
      expect(ErrorBodySchema.parse(refused.body).error).toEqual(TOO_MANY_TABS);
    }
    // The partner is not held up by the coach's tabs.
    expect((await tryUpgrade(at(1), path, teacher.cookie)).status).toBe(101);

    // A tab closed on one process gives its slot back on another.
    mine[0]?.close();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 101; attempt++) {
      status = (await tryUpgrade(at(2), path, coach.cookie)).status;
      if (status !== 101) await sleep(20);
    }
    expect(status).toBe(101);
  });

  it('counts a person’s socket.io connections over every process', async () => {
    const person = await buildUser(at(0));
    const open = (i: number) => {
      const socket = realtimeSocket(at(i).url, person.cookie);
      realtime.push(socket);
      return outcome(socket);
    };
    for (let i = 0; i < LIMITS.maxRealtimeConnectionsPerUser; i++) expect(await open(i)).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) {
      expect(await open(i)).toEqual({
        ok: false,
        message: 'too_many_connections',
        data: { message: TOO_MANY_TABS.message },
      });
    }
  });

  it(
    'stops counting the sockets of a process that was killed',
    async () => {
      const { meeting, coach } = await buildMeeting(at(0));
      const path = `${COLLAB_PATH}/${meeting.id}`;
      for (let i = 0; i < LIMITS.maxCollabConnectionsPerUser; i++) {
        sockets.push(await rawSocket(at(i), meeting.id, coach.cookie));
      }
      expect((await tryUpgrade(at(0), path, coach.cookie)).status).toBe(429);
      // The third process dies holding a third of them; no close ever tells Redis.
      await at(2).kill('SIGKILL');
      const started = Date.now();
      let status = 0;
      while (status !== 101 && Date.now() - started < 30_000) {
        status = (await tryUpgrade(at(0), path, coach.cookie)).status;
        if (status !== 101) await sleep(250);
      }
      expect(status).toBe(101);
      // Its process key lives 15 s after its last heartbeat (every 5 s).
      expect(Date.now() - started).toBeLessThan(20_000);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('with Redis gone, each process limits on its own count and lets everyone else in', async () => {
    const target = await buildUser(at(0));
    const { meeting, teacher } = await buildMeeting(at(1));
    await redis.kill();
    for (let i = 0; i < LIMITS.loginFailuresPerAccount; i++) {
      expect((await login(0, target.email, `guess number ${i}`)).status).toBe(401);
    }
    expectRateLimited(await login(0, target.email, 'one more guess'));
    // The other process has counted none of them: limited per process meanwhile, never refused for Redis.
    expect((await login(1, target.email, target.password)).status).toBe(200);
    expect((await tryUpgrade(at(1), `${COLLAB_PATH}/${meeting.id}`, teacher.cookie)).status).toBe(101);
  });
});
