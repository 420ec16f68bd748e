/**
 * Several real server processes on one PostgreSQL database and a Redis of the test's own (on a free
 * port, so that killing or restarting it disturbs nobody else), for the cluster tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { postgresUnavailableReason } from './backends.js';
import { startChildServer, type ChildServer } from './childServer.js';
import { sleep } from './waitFor.js';

export { sleep };

/** Why the cluster tests cannot run here (no PostgreSQL, no `redis-server`), or null. */
export async function clusterUnavailableReason(): Promise<string | null> {
  const pgReason = await postgresUnavailableReason();
  if (pgReason) return pgReason;
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? null : 'redis-server is not installed';
}

export class OwnRedis {
  process: ChildProcess | null = null;
  constructor(readonly port: number) {}
  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.process = child;
    for (let i = 0; i < 100; i++) {
      if (await reachable(this.port)) return;
      await sleep(50);
    }
    throw new Error('redis-server did not start');
  }
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

export function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export { waitFor } from './waitFor.js';

/** Starts `count` processes on one database and Redis: the first runs the migrations, the others start together. */
export async function startProcesses(env: Record<string, string>, count: number): Promise<ChildServer[]> {
  const first = await startChildServer({ env });
  const rest = await Promise.all(Array.from({ length: count - 1 }, () => startChildServer({ env })));
  return [first, ...rest];
}

/** With `CLUSTER_TEST_LOGS` set, writes every process's log into that file, to read after a failure. */
export function keepProcessLogs(servers: readonly ChildServer[]): void {
  const file = process.env.CLUSTER_TEST_LOGS;
  if (file) writeFileSync(file, servers.map((s) => s.log()).join('\n=====\n'));
}
