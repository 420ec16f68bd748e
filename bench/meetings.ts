/**
 * The meeting bench (`npm run bench`, or `--meetings` alone): Tandem against the
 * reference `@y/websocket-server`, in one run, on one machine, pinned the same
 * way, so that every figure is a ratio and means the same on any machine.
 *
 * For each meeting count (BENCH_MEETINGS, default "100,300") both servers are
 * started in child processes pinned to one core (`taskset`), this process (the
 * load) to the other. Tandem runs as in production (SQLite, WAL, every edit
 * stored before it is relayed and acknowledged, authentication, attested
 * authorship, history and search on); the reference keeps documents in memory,
 * stores nothing and checks nothing. Each meeting is two partners
 * (`meetingClient.ts`) typing ~20-character edits at 5 a second each, at a cursor
 * that sometimes jumps, sending their cursor after every edit.
 *
 * 1. Setup: the meetings (Tandem: sign-ups, invitation, meeting over HTTP), both
 *    partners connected, then a warm-up giving each meeting a different number of
 *    stored edits (0 to BENCH_WARMUP_EDITS), so that what a server does every
 *    n edits (compaction) falls at different times, as in meetings that started
 *    at different times.
 * 2. BENCH_ROUNDS rounds of BENCH_ROUND_SECONDS of typing, the two servers
 *    alternating (reference first in even rounds, Tandem first in odd ones). In
 *    each round 10% of meetings have a partner reload the page (a join with a fresh
 *    client id and the notes the tab kept), 3% are left by both partners and
 *    joined again a second later (the meeting is opened again). A round's CPU is
 *    the server's from its start until 5 s after its last edit arrived (work a
 *    server defers, such as search indexing, is counted).
 * 3. Memory: live JavaScript memory (heap + external, after a full GC) with every
 *    meeting active, against before any socket opened; then after everyone left.
 *
 * Figures per server are medians over rounds; ratios are medians of the
 * per-round ratios. With BENCH_PROFILE=1 the Tandem server runs under
 * `--cpu-prof` and the measured windows of the profile are summarised
 * (`profileSummary.ts`). Then a 20,000-edit meeting is opened from disk
 * (`openFromDisk.ts`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { performance as perfHooks } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeMeeting, percentile, waitMessage, type Usage } from './load.js';
import { MeetingLoad, newSamples, seeded, type Samples, type Target } from './meetingClient.js';
import { OPEN_TARGETS, runOpenBench } from './openFromDisk.js';
import { summariseProfile, type Window } from './profileSummary.js';

export const MEETING_TARGETS = {
  /** Tandem's server CPU per edit, as a multiple of the reference's, at every count. */
  cpuRatio: 0.5,
  /** Tandem's p99 edit latency, as a multiple of the reference's, at every count. */
  p99Ratio: 1.5,
  /** Tandem's p99 edit latency in ms, at counts up to `p99MsUpTo` meetings. */
  p99Ms: 10,
  p99MsUpTo: 100,
  /** Tandem's live memory per active meeting, KiB, at every count. */
  memoryPerMeetingKib: 64,
};

const COUNTS = (process.env.BENCH_MEETINGS ?? '100,300')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const WARMUP_EDITS = Number(process.env.BENCH_WARMUP_EDITS ?? 500);
const EDIT_EVERY_MS = 200;
const RELOADS = 0.1;
const REJOINS = 0.03;
const SETTLE_MS = 5000;
const PROFILE_DIR = path.resolve('.tmp/profile');

const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round1 = (n: number, digits = 1) => +n.toFixed(digits);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? NaN
    : ((sorted[Math.floor((sorted.length - 1) / 2)] as number) +
        (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) /
        2;
};

// ---- Pinning: the servers on one core, the load on the other ----

const SERVER_CPU = '0';
const LOAD_CPU = '1';

function affinity(): string | null {
  try {
    const out = execFileSync('taskset', ['-p', '-c', String(process.pid)], { encoding: 'utf8' });
    return out.split(':').at(-1)?.trim() ?? null;
  } catch {
    return null;
  }
}

/** Pins this process (the load) to its core; returns how to undo it, or null when it cannot pin. */
function pinLoad(): (() => void) | null {
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

// ---- Meetings ----

async function inBatches<T>(items: T[], size: number, each: (item: T, i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => each(item, i + j)));
  }
}

export async function createMeetings(server: Server, count: number): Promise<MeetingLoad[]> {
  const meetings: MeetingLoad[] = new Array(count);
  const indexes = [...Array(count).keys()];
  if (server.name === 'reference') return indexes.map((i) => new MeetingLoad(`meeting-${i}`, null, i));
  await inBatches(indexes, 8, async (i) => {
    const m = await makeMeeting(server.base, i);
    meetings[i] = new MeetingLoad(m.meetingId, [m.coach, m.teacher], i);
  });
  return meetings;
}

export async function connectAll(server: Server, meetings: MeetingLoad[]): Promise<void> {
  // Below the server's cap on sockets being authenticated per address.
  await inBatches(meetings, 10, async (m) => {
    await Promise.all(m.partners.map((p) => p.connect(server.target)));
  });
}

/** Gives meeting i `edits[i]` stored edits, typed by both partners in turn, each waiting for the previous. */
export async function warmUp(meetings: MeetingLoad[], edits: number[]): Promise<void> {
  await Promise.all(
    meetings.map(async (m, i) => {
      for (let k = 0; k < (edits[i] ?? 0); k++) {
        m.partners[k % 2]?.edit(false);
        await m.drain(30_000);
        await sleep(20);
      }
    }),
  );
}

export interface RoundFigures {
  cpuMicrosPerEdit: number;
  p50: number;
  p95: number;
  p99: number;
  savedP50: number;
  savedP99: number;
  joinP50: number;
  joinP99: number;
  edits: number;
  lost: number;
  joinFailures: number;
  /** This process's event-loop utilisation during the round: near 1, the load itself was the bottleneck. */
  loadBusy: number;
  /** This process's CPU time over the round's wall time (below `loadBusy`: other processes had its core). */
  loadCpu: number;
  /**
   * The server's CPU time over the round's wall time: near 1, it was saturated; well below 1 with latencies of
   * seconds, other processes on the machine had its core.
   */
  serverCpu: number;
  window: Window;
}

export async function runRound(server: Server, meetings: MeetingLoad[], seed: number): Promise<RoundFigures> {
  const random = seeded(seed);
  for (const m of meetings) m.samples = newSamples();
  const ms = ROUND_SECONDS * 1000;
  const plan = meetings.map(() => ({
    phases: [random() * EDIT_EVERY_MS, random() * EDIT_EVERY_MS],
    what: random(),
    who: random() < 0.5 ? 0 : 1,
    at: (0.1 + 0.7 * random()) * ms,
  }));
  let stopped = false;
  let joinFailures = 0;
  const rejoin = async (p: MeetingLoad['partners'][number], phase: number) => {
    p.reopen();
    try {
      await p.connect(server.target);
      if (!stopped) p.start(EDIT_EVERY_MS, phase);
    } catch {
      joinFailures++;
    }
  };
  const elu = perfHooks.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const windowStart = process.hrtime.bigint();
  const start = await server.usage();
  const jobs: Promise<void>[] = [];
  meetings.forEach((m, i) => {
    const { phases, what, who, at } = plan[i] as (typeof plan)[number];
    m.partners.forEach((p, k) => p.start(EDIT_EVERY_MS, phases[k] as number));
    if (what < RELOADS) {
      const p = m.partners[who] as MeetingLoad['partners'][number];
      jobs.push(
        sleep(at).then(async () => {
          p.close();
          await sleep(200);
          await rejoin(p, phases[who] as number);
        }),
      );
    } else if (what < RELOADS + REJOINS) {
      jobs.push(
        sleep(at).then(async () => {
          for (const p of m.partners) p.close();
          await sleep(1000);
          await Promise.all(m.partners.map((p, k) => rejoin(p, phases[k] as number)));
        }),
      );
    }
  });
  await sleep(ms);
  stopped = true;
  for (const m of meetings) for (const p of m.partners) p.stop();
  await Promise.all(jobs);
  await Promise.all(meetings.map((m) => m.drain(30_000)));
  const busy = perfHooks.eventLoopUtilization(elu).utilization;
  const used = process.cpuUsage(cpu);
  const loadCpu = (used.user + used.system) / 1000 / (performance.now() - wall);
  const drained = await server.usage();
  const serverCpu = (drained.cpuMicros - start.cpuMicros) / 1000 / (performance.now() - wall);
  await sleep(SETTLE_MS);
  const end = await server.usage();
  const windowEnd = process.hrtime.bigint();

  const all: Samples = newSamples();
  for (const m of meetings) {
    all.latency.push(...m.samples.latency);
    all.saved.push(...m.samples.saved);
    all.join.push(...m.samples.join);
    all.edits += m.samples.edits;
    all.lost += m.samples.lost;
  }
  for (const list of [all.latency, all.saved, all.join]) list.sort((a, b) => a - b);
  return {
    cpuMicrosPerEdit: (end.cpuMicros - start.cpuMicros) / Math.max(1, all.edits),
    p50: percentile(all.latency, 50),
    p95: percentile(all.latency, 95),
    p99: percentile(all.latency, 99),
    savedP50: percentile(all.saved, 50),
    savedP99: percentile(all.saved, 99),
    joinP50: percentile(all.join, 50),
    joinP99: percentile(all.join, 99),
    edits: all.edits,
    lost: all.lost,
    joinFailures,
    loadBusy: busy,
    loadCpu,
    serverCpu,
    window: { startMicros: Number(windowStart / 1000n), endMicros: Number(windowEnd / 1000n) },
  };
}

interface ServerFigures {
  rounds: RoundFigures[];
  baseline: Usage;
  active: Usage;
  idle: Usage;
}

interface CountFigures {
  meetings: number;
  tandem: ServerFigures;
  reference: ServerFigures;
  /** The Tandem server's CPU profile (BENCH_PROFILE). */
  profile: string | null;
}

/** Both servers at one meeting count, rounds interleaved. */
async function runCount(count: number, pinned: boolean): Promise<CountFigures> {
  const servers = {
    reference: await startServer('reference', pinned),
    tandem: await startServer('tandem', pinned),
  };
  const meetings = {
    reference: await createMeetings(servers.reference, count),
    tandem: await createMeetings(servers.tandem, count),
  };
  const warm = (() => {
    const random = seeded(count);
    return meetings.tandem.map(() => Math.floor(random() * WARMUP_EDITS));
  })();
  const figures: Partial<Record<Server['name'], ServerFigures>> = {};
  for (const name of ['reference', 'tandem'] as const) {
    const server = servers[name];
    await server.gc();
    const baseline = await server.usage();
    const started = performance.now();
    await connectAll(server, meetings[name]);
    await warmUp(meetings[name], warm);
    console.log(
      `  ${name}: ${count} meetings connected and warmed up in ${Math.round(performance.now() - started)} ms`,
    );
    figures[name] = { rounds: [], baseline, active: baseline, idle: baseline };
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['reference', 'tandem'] as const) : (['tandem', 'reference'] as const);
    for (const name of order) {
      const result = await runRound(servers[name], meetings[name], count * 1000 + r);
      figures[name]?.rounds.push(result);
      console.log(
        `  round ${r + 1} ${name}: ${Math.round(result.cpuMicrosPerEdit)} µs/edit, p50/p95/p99 ${result.p50.toFixed(1)}/${result.p95.toFixed(1)}/${result.p99.toFixed(1)} ms, ${result.edits} edits, server ${Math.round(result.serverCpu * 100)}% CPU, load ${Math.round(result.loadCpu * 100)}% CPU, loop busy ${Math.round(result.loadBusy * 100)}%`,
      );
    }
  }
  for (const name of ['reference', 'tandem'] as const) {
    const server = servers[name];
    const f = figures[name] as ServerFigures;
    await server.gc();
    f.active = await server.usage();
    for (const m of meetings[name]) for (const p of m.partners) p.close();
    for (let waited = 0; waited < 30_000 && (await server.usage()).rooms > 0 && name === 'tandem'; waited += 100) {
      await sleep(100);
    }
    await sleep(500);
    await server.gc();
    f.idle = await server.usage();
    await server.stop();
  }
  return {
    meetings: count,
    tandem: figures.tandem as ServerFigures,
    reference: figures.reference as ServerFigures,
    profile: newestProfile(servers.tandem.child.pid),
  };
}

// ---- Report ----

const kib = (bytes: number, meetings: number) => bytes / 1024 / meetings;

function report(results: CountFigures[]): string[] {
  const failures: string[] = [];
  const T = MEETING_TARGETS;
  for (const { meetings, tandem, reference } of results) {
    const pairs = tandem.rounds.map((t, i) => ({ t, r: reference.rounds[i] as RoundFigures }));
    const ratio = (pick: (f: RoundFigures) => number) => median(pairs.map(({ t, r }) => pick(t) / pick(r)));
    const med = (f: ServerFigures, pick: (f: RoundFigures) => number) => median(f.rounds.map(pick));
    const memory = (f: ServerFigures, at: 'active' | 'idle') => kib(f[at].live - f.baseline.live, meetings);
    const cpuRatio = ratio((f) => f.cpuMicrosPerEdit);
    const p99Ratio = ratio((f) => f.p99);
    const p99 = med(tandem, (f) => f.p99);
    const tandemMemory = memory(tandem, 'active');
    const rows: [string, string, string, string, string][] = [
      [
        'server CPU per edit (µs)',
        `${Math.round(med(tandem, (f) => f.cpuMicrosPerEdit))}`,
        `${Math.round(med(reference, (f) => f.cpuMicrosPerEdit))}`,
        `×${round1(cpuRatio, 2)}`,
        `≤ ×${T.cpuRatio}`,
      ],
      ...(['p50', 'p95', 'p99'] as const).map((p): [string, string, string, string, string] => [
        `edit latency ${p} (ms)`,
        `${round1(
          med(tandem, (f) => f[p]),
          2,
        )}`,
        `${round1(
          med(reference, (f) => f[p]),
          2,
        )}`,
        `×${round1(
          ratio((f) => f[p]),
          2,
        )}`,
        p === 'p99' ? `≤ ×${T.p99Ratio}${meetings <= T.p99MsUpTo ? ` and ≤ ${T.p99Ms} ms` : ''}` : 'reported',
      ]),
      [
        'join, socket to synced p50/p99 (ms)',
        `${round1(med(tandem, (f) => f.joinP50))} / ${round1(med(tandem, (f) => f.joinP99))}`,
        `${round1(med(reference, (f) => f.joinP50))} / ${round1(med(reference, (f) => f.joinP99))}`,
        `×${round1(
          ratio((f) => f.joinP99),
          2,
        )} (p99)`,
        'reported',
      ],
      [
        'saved (acknowledged) p50/p99 (ms)',
        `${round1(
          med(tandem, (f) => f.savedP50),
          2,
        )} / ${round1(
          med(tandem, (f) => f.savedP99),
          2,
        )}`,
        'stores nothing',
        '',
        'reported',
      ],
      [
        'memory per active meeting (KiB)',
        `${Math.round(tandemMemory)}`,
        `${Math.round(memory(reference, 'active'))}`,
        `×${round1(tandemMemory / memory(reference, 'active'), 2)}`,
        `≤ ${T.memoryPerMeetingKib} KiB`,
      ],
      [
        'memory per meeting after all left (KiB)',
        `${Math.round(memory(tandem, 'idle'))}`,
        `${Math.round(memory(reference, 'idle'))}`,
        '',
        'reported',
      ],
    ];
    const edits = median(tandem.rounds.map((f) => f.edits));
    const lost = [...tandem.rounds, ...reference.rounds].reduce((n, f) => n + f.lost, 0);
    const joinFailures = [...tandem.rounds, ...reference.rounds].reduce((n, f) => n + f.joinFailures, 0);
    const busy = Math.max(...[...tandem.rounds, ...reference.rounds].map((f) => f.loadBusy));
    const loadCpu = Math.max(...[...tandem.rounds, ...reference.rounds].map((f) => f.loadCpu));
    const serverCpu = (f: ServerFigures) => Math.round(100 * Math.max(...f.rounds.map((r) => r.serverCpu)));
    console.log(
      `\n${meetings} meetings: ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s, ~${Math.round(edits)} edits a round; ` +
        `figures are medians over rounds, ratios medians of per-round ratios (Tandem / reference)`,
    );
    const widths = [40, 16, 16, 12, 24];
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' ');
    console.log(line(['figure', 'Tandem', 'reference', 'ratio', 'held to']));
    for (const row of rows) console.log(line(row));
    console.log(
      `server CPU over its busiest round (typing and drain): Tandem ${serverCpu(tandem)}%, reference ${serverCpu(reference)}% of its core`,
    );
    console.log(
      `load generator, busiest round: ${Math.round(loadCpu * 100)}% CPU, event loop busy ${Math.round(busy * 100)}%${busy > 0.8 ? ' (near saturation: latencies include its own queueing)' : ''}; ` +
        `edits never relayed: ${lost}; joins failed: ${joinFailures}`,
    );
    if (cpuRatio > T.cpuRatio)
      failures.push(
        `${meetings} meetings: server CPU per edit ×${round1(cpuRatio, 2)} of the reference's > ×${T.cpuRatio}`,
      );
    if (p99Ratio > T.p99Ratio)
      failures.push(
        `${meetings} meetings: p99 edit latency ×${round1(p99Ratio, 2)} of the reference's > ×${T.p99Ratio}`,
      );
    if (meetings <= T.p99MsUpTo && p99 > T.p99Ms)
      failures.push(`${meetings} meetings: p99 edit latency ${round1(p99, 2)} ms > ${T.p99Ms} ms`);
    if (tandemMemory > T.memoryPerMeetingKib)
      failures.push(
        `${meetings} meetings: memory per active meeting ${Math.round(tandemMemory)} KiB > ${T.memoryPerMeetingKib} KiB`,
      );
    if (lost > 0 || joinFailures > 0)
      failures.push(`${meetings} meetings: ${lost} edits never relayed, ${joinFailures} joins failed`);
  }
  if (results.length >= 2) {
    const [a, b] = [results[0] as CountFigures, results.at(-1) as CountFigures];
    const growth = (pick: (c: CountFigures) => ServerFigures) =>
      (pick(b).active.live - pick(b).baseline.live - (pick(a).active.live - pick(a).baseline.live)) /
      1024 /
      (b.meetings - a.meetings);
    console.log(
      `memory growth per added active meeting (${a.meetings} -> ${b.meetings}): Tandem ${Math.round(growth((c) => c.tandem))} KiB, ` +
        `reference ${Math.round(growth((c) => c.reference))} KiB (reported)`,
    );
  }
  return failures;
}

function newestProfile(pid: number | undefined): string | null {
  if (!existsSync(PROFILE_DIR) || pid === undefined) return null;
  // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread (tsx's loader has its own).
  const mine = readdirSync(PROFILE_DIR).filter((f) => f.includes(`.${pid}.0.`) && f.endsWith('.cpuprofile'));
  return mine.length > 0 ? path.join(PROFILE_DIR, mine.sort().at(-1) as string) : null;
}

/** Runs the meeting bench and the open-from-disk bench; prints figures and targets; returns the targets missed. */
export async function runMeetingBench(): Promise<string[]> {
  if (process.env.BENCH_PROFILE) mkdirSync(PROFILE_DIR, { recursive: true });
  const unpin = pinLoad();
  console.log(
    unpin
      ? `Meeting bench: servers pinned to CPU ${SERVER_CPU}, load to CPU ${LOAD_CPU} (taskset)`
      : 'Meeting bench: not pinned (no taskset or fewer than 2 CPUs): ratios are noisier',
  );
  const results: CountFigures[] = [];
  try {
    for (const count of COUNTS) {
      console.log(`${count} meetings, Tandem and the reference @y/websocket-server:`);
      results.push(await runCount(count, unpin !== null));
    }
  } finally {
    unpin?.();
  }
  const failures = report(results);
  for (const { meetings, profile, tandem } of results) {
    if (!profile) continue;
    console.log(`\nWhere Tandem's server time goes at ${meetings} meetings (measured rounds of ${profile}):`);
    console.log(
      summariseProfile(
        profile,
        tandem.rounds.map((r) => r.window),
      ),
    );
  }
  const open = await runOpenBench();
  failures.push(...open);
  console.log(
    `Meeting targets: server CPU per edit ≤ ×${MEETING_TARGETS.cpuRatio} of the reference's; p99 edit latency ≤ ×${MEETING_TARGETS.p99Ratio} of the reference's, ` +
      `and ≤ ${MEETING_TARGETS.p99Ms} ms up to ${MEETING_TARGETS.p99MsUpTo} meetings; ≤ ${MEETING_TARGETS.memoryPerMeetingKib} KiB per active meeting; ` +
      `a 20,000-edit meeting opens from disk in ≤ ${OPEN_TARGETS.openMs} ms server-side.`,
  );
  return failures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const failures = await runMeetingBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}
