/**
 * The meeting bench's servers (`meetings.ts`): Tandem (`serverProcess.ts`) or the reference
 * `@y/websocket-server` (`peerProcess.ts`) started in a child process, pinned to one core with
 * `taskset` while this process (the load) is pinned to the other; with BENCH_PROFILE, where the
 * Tandem server's CPU profile is written.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitMessage, type Usage } from './load.js';
import type { Target } from './meetingClient.js';

export const PROFILE_DIR = path.resolve('.tmp/profile');

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- Pinning: the servers on one core, the load on the other ----

export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

function affinity(): string | null {
  try {
    const out = execFileSync('taskset', ['-p', '-c', String(process.pid)], { encoding: 'utf8' });
    return out.split(':').at(-1)?.trim() ?? null;
  } catch {
    return null;
  }
}

/** Pins this process (the load) to its core; returns how to undo it, or null when it cannot pin. */
export function pinLoad(): (() => void) | null {
  const before = affinity();
  if (before === null || os.availableParallelism() < 2) return null;
  execFileSync('taskset', ['-a', '-p', '-c', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
  return () => execFileSync('taskset', ['-a', '-p', '-c', before, String(process.pid)], { stdio: 'ignore' });
}

// ---- The servers ----

export interface Server {
  name: 'tandem' | 'reference';
  child: ChildProcess;
  target: Target;
  base: string;
  usage(): Promise<Usage>;
  gc(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(
  name: Server['name'],
  pinned: boolean,
  env: Record<string, string> = {},
): Promise<Server> {
  const script = path.join(here, name === 'tandem' ? 'serverProcess.ts' : 'peerProcess.ts');
  const profile =
    name === 'tandem' && process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--cpu-prof-interval=250']
      : [];
  const node = [...profile, '--import', 'tsx', '--expose-gc', script];
  const child = pinned
    ? spawn('taskset', ['-c', SERVER_CPU, process.execPath, ...node], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, ...env },
      })
    : spawn(process.execPath, node, {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, ...env },
      });
  const { port } = await waitMessage<{ port: number }>(child, 'ready');
  const base = `http://127.0.0.1:${port}`;
  const target: Target =
    name === 'tandem'
      ? {
          url: (id) => `ws://127.0.0.1:${port}/collab/${id}?acks=1`,
          headers: (partner, meeting) => ({ cookie: meeting.cookies?.[partner] ?? '' }),
        }
      : { url: (id) => `ws://127.0.0.1:${port}/${id}`, headers: () => ({}) };
  return {
    name,
    child,
    target,
    base,
    async usage() {
      child.send('usage');
      return waitMessage<Usage>(child, 'usage');
    },
    async gc() {
      child.send('gc');
      await waitMessage(child, 'gc');
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

/** The newest CPU profile written by the server process `pid` (BENCH_PROFILE), or null. */
export function newestProfile(pid: number | undefined): string | null {
  if (!existsSync(PROFILE_DIR) || pid === undefined) return null;
  // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread (tsx's loader has its own).
  const mine = readdirSync(PROFILE_DIR).filter((f) => f.includes(`.${pid}.0.`) && f.endsWith('.cpuprofile'));
  return mine.length > 0 ? path.join(PROFILE_DIR, mine.sort().at(-1) as string) : null;
}
