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
 *
 * Here the run over the counts; the servers and pinning are `meetingServers.ts`,
 * the meetings and a round of load `meetingRounds.ts`, the targets and the report
 * `meetingReport.ts`.
 */
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { seeded } from './meetingClient.js';
import { MEETING_TARGETS, report, type CountFigures, type ServerFigures } from './meetingReport.js';
import { connectAll, createMeetings, ROUNDS, runRound, warmUp } from './meetingRounds.js';
import {
  LOAD_CPU,
  newestProfile,
  pinLoad,
  PROFILE_DIR,
  SERVER_CPU,
  startServer,
  type Server,
} from './meetingServers.js';
import { OPEN_TARGETS, runOpenBench } from './openFromDisk.js';
import { summariseProfile } from './profileSummary.js';

export { MEETING_TARGETS } from './meetingReport.js';
export { connectAll, createMeetings, runRound, warmUp, type RoundFigures } from './meetingRounds.js';
export { startServer, type Server } from './meetingServers.js';

const COUNTS = (process.env.BENCH_MEETINGS ?? '100,300')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const WARMUP_EDITS = Number(process.env.BENCH_WARMUP_EDITS ?? 500);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
