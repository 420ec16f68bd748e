/**
 * Reads a `--cpu-prof` profile of the Tandem server and says where its main
 * thread's time went during the bench's measured windows (setup, sign-ups and
 * warm-up are left out): by part (Yjs, SQLite, WebSocket, Tandem's own code…),
 * the functions with the most self time, and Tandem's functions by inclusive
 * time (themselves and what they call). Native functions (a SQLite statement
 * run, a socket write) count towards the part whose code called them.
 *
 * `tsx bench/profileSummary.ts <file.cpuprofile>` summarises a whole profile.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** A measured window, in µs of the monotonic clock (`process.hrtime`), which V8's profiler also uses. */
export interface Window {
  startMicros: number;
  endMicros: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)']);

function partOf(url: string, name: string): string | null {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)') return 'V8 and native, unattributed (program)';
  if (!url) return null;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) {
    const name = pkg[1] as string;
    if (name === 'yjs') return 'Yjs';
    if (name === 'lib0') return 'lib0 (encoding, decoding)';
    if (name === 'better-sqlite3') return 'SQLite (better-sqlite3)';
    if (name === 'ws') return 'ws (WebSocket frames)';
    return `package ${name}`;
  }
  if (url.startsWith('node:')) return 'Node internals (sockets, streams, timers)';
  const own = /\/(server\/[a-z]+|shared|bench)\//.exec(url);
  if (own) return `Tandem ${own[1]}`;
  return 'other';
}

const where = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules\/|server\/|shared\/|bench\/)/, '$1').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : '(native)'}`;
};

export function summariseProfile(file: string, windows: Window[] = []): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  /** Each node's part: its own, or for native frames, that of the nearest caller with one. */
  const part = new Map<number, string>();
  const partFor = (id: number): string => {
    const known = part.get(id);
    if (known) return known;
    const node = byId.get(id) as ProfileNode;
    let found = partOf(node.callFrame.url, node.callFrame.functionName);
    if (found === null) {
      const up = parent.get(id);
      found = up === undefined ? 'other' : partFor(up);
    }
    part.set(id, found);
    return found;
  };

  const inWindow = (t: number) => windows.length === 0 || windows.some((w) => t >= w.startMicros && t <= w.endMicros);
  const self = new Map<string, number>();
  const parts = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (!inWindow(t)) continue;
    const id = profile.samples[i] as number;
    const node = byId.get(id) as ProfileNode;
    if (IDLE.has(node.callFrame.functionName)) {
      idle += delta;
      continue;
    }
    busy += delta;
    const key = where(node);
    self.set(key, (self.get(key) ?? 0) + delta);
    const p = partFor(id);
    parts.set(p, (parts.get(p) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at) as ProfileNode;
      if (!/\/(server|shared)\//.test(frame.callFrame.url)) continue;
      const k = where(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
    }
  }
  const pct = (n: number) => `${((100 * n) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
  const ms = (n: number) => `${Math.round(n / 1000)} ms`.padStart(9);
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${pct(v)} ${ms(v)}  ${k}`);
  return [
    `main thread busy ${Math.round(busy / 1000)} ms, idle ${Math.round(idle / 1000)} ms in the windows`,
    'by part (self time; native calls count for their caller):',
    ...top(parts, 14),
    'functions by self time:',
    ...top(self, 25),
    "Tandem's functions by inclusive time:",
    ...top(inclusive, 30),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/profileSummary.ts <file.cpuprofile>');
  console.log(summariseProfile(file));
}
