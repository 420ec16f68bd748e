/**
 * `npm run bench -- --processes N`: the meeting load (`meetings.ts`) on N Tandem processes sharing one
 * PostgreSQL and one Redis, against one Tandem process on PostgreSQL measured in the same run (rounds
 * alternate between the two). On the N processes every meeting's coach and teacher are on different
 * processes, so every edit measured crosses from one process to another (stored, published on Redis,
 * applied and relayed by the other). Printed as ratios to the single process: cross-process edit latency
 * (p50, p95, p99) and server CPU per edit summed over all the processes. The issue sets no target for
 * these: they are informational ("no target"); edits never relayed still fail the run.
 *
 * Needs PostgreSQL (`TEST_POSTGRES_URL`, default 127.0.0.1:5432 database `test`; a database of its own is
 * created and dropped) and `redis-server` (started on a free port, its own). Settings as the meeting
 * bench: `BENCH_MEETINGS` (the first count; default 50 here), `BENCH_ROUNDS`, `BENCH_ROUND_SECONDS`,
 * `BENCH_WARMUP_EDITS`. Unpinned: the processes share the machine's cores with the load.
 */
import { createPostgresDatabase } from '../tests/helpers/backends.js';
import { clusterUnavailableReason, OwnRedis } from '../tests/helpers/cluster.js';
import type { Usage } from './load.js';
import type { MeetingLoad, Target } from './meetingClient.js';
import {
  connectAll,
  createMeetings,
  runRound,
  startServer,
  warmUp,
  type RoundFigures,
  type Server,
} from './meetings.js';
import { seeded } from './meetingClient.js';

const MEETINGS = Number((process.env.BENCH_MEETINGS ?? '50').split(',')[0]);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const WARMUP_EDITS = Number(process.env.BENCH_WARMUP_EDITS ?? 100);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const lo = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  const hi = sorted[Math.ceil((sorted.length - 1) / 2)] as number;
  return (lo + hi) / 2;
};
const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** Several processes seen as one server: partners routed apart, CPU and memory summed. */
function together(processes: Server[], meetingIndex: Map<string, number>): Server {
  const first = processes[0] as Server;
  const at = (meetingId: string, partner: 0 | 1) =>
    processes[((meetingIndex.get(meetingId) ?? 0) + partner) % processes.length] as Server;
  const target: Target = {
    url: (meetingId, partner) => at(meetingId, partner).target.url(meetingId, partner),
    headers: (partner, meeting) => first.target.headers(partner, meeting),
  };
  return {
    name: 'tandem',
    child: first.child,
    target,
    base: first.base,
    async usage() {
      const all = await Promise.all(processes.map((p) => p.usage()));
      return all.reduce<Usage>(
        (sum, u) => ({
          kind: 'usage',
          cpuMicros: sum.cpuMicros + u.cpuMicros,
          rss: sum.rss + u.rss,
          live: sum.live + u.live,
          rooms: sum.rooms + u.rooms,
        }),
        { kind: 'usage', cpuMicros: 0, rss: 0, live: 0, rooms: 0 },
      );
    },
    async gc() {
      await Promise.all(processes.map((p) => p.gc()));
    },
    async stop() {
      await Promise.all(processes.map((p) => p.stop()));
    },
  };
}

interface Setup {
  label: string;
  server: Server;
  meetings: MeetingLoad[];
  rounds: RoundFigures[];
}

async function setUp(label: string, processes: Server[]): Promise<Setup> {
  const index = new Map<string, number>();
  const server = together(processes, index);
  // Made through the first process: the database is shared, so the meetings exist on all of them.
  const meetings = await createMeetings(server, MEETINGS);
  meetings.forEach((m, i) => index.set(m.id, i));
  const random = seeded(MEETINGS);
  const started = performance.now();
  await connectAll(server, meetings);
  await warmUp(
    meetings,
    meetings.map(() => Math.floor(random() * WARMUP_EDITS)),
  );
  console.log(
    `  ${label}: ${MEETINGS} meetings connected and warmed up in ${Math.round(performance.now() - started)} ms`,
  );
  return { label, server, meetings, rounds: [] };
}

export async function runProcessesBench(count: number): Promise<string[]> {
  const unavailable = await clusterUnavailableReason();
  if (unavailable) {
    console.log(`Several-processes bench skipped: ${unavailable}`);
    return [];
  }
  console.log(
    `Several-processes bench: ${count} Tandem processes on one PostgreSQL and one Redis against one process on ` +
      `PostgreSQL, ${MEETINGS} meetings, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s (not pinned)`,
  );
  const redis = await OwnRedis.start();
  const single = await createPostgresDatabase();
  const shared = await createPostgresDatabase();
  const databases = [single, shared];
  const setups: Setup[] = [];
  try {
    const one = await startServer('tandem', false, { BENCH_DATABASE_URL: single.url });
    const clusterEnv = {
      BENCH_DATABASE_URL: shared.url,
      BENCH_REDIS_URL: redis.url,
      BENCH_REDIS_KEY_PREFIX: 'bench:',
    };
    // The first runs the migrations; the others start once it has.
    const many = [await startServer('tandem', false, clusterEnv)];
    for (let i = 1; i < count; i++) many.push(await startServer('tandem', false, clusterEnv));
    setups.push(await setUp('1 process', [one]));
    setups.push(await setUp(`${count} processes`, many));
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? setups : [...setups].reverse();
      for (const setup of order) {
        const result = await runRound(setup.server, setup.meetings, MEETINGS * 1000 + r);
        setup.rounds.push(result);
        console.log(
          `  round ${r + 1} ${setup.label}: ${Math.round(result.cpuMicrosPerEdit)} µs/edit (all processes), ` +
            `p50/p95/p99 ${fixed(result.p50, 1)}/${fixed(result.p95, 1)}/${fixed(result.p99, 1)} ms, ${result.edits} edits, ` +
            `lost ${result.lost}`,
        );
      }
    }
  } finally {
    for (const setup of setups) for (const m of setup.meetings) for (const p of m.partners) p.close();
    await Promise.all(setups.map((s) => s.server.stop().catch(() => undefined)));
    await redis.kill();
    await Promise.all(databases.map((d) => d.drop().catch(() => undefined)));
  }
  return report(count, setups);
}

function report(count: number, setups: Setup[]): string[] {
  const [one, many] = setups as [Setup, Setup];
  if (!one || !many) return ['several-processes bench: did not run'];
  const ratio = (pick: (f: RoundFigures) => number) =>
    median(many.rounds.map((f, i) => pick(f) / pick(one.rounds[i] as RoundFigures)));
  const med = (s: Setup, pick: (f: RoundFigures) => number) => median(s.rounds.map(pick));
  const rows: [string, (f: RoundFigures) => number, number][] = [
    ['edit latency p50 (ms), cross-process', (f) => f.p50, 2],
    ['edit latency p95 (ms), cross-process', (f) => f.p95, 2],
    ['edit latency p99 (ms), cross-process', (f) => f.p99, 2],
    ['saved (acknowledged) p99 (ms)', (f) => f.savedP99, 2],
    ['server CPU per edit (µs), all processes', (f) => f.cpuMicrosPerEdit, 0],
  ];
  const widths = [42, 12, 14, 10, 28];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' ');
  console.log(
    `\n${MEETINGS} meetings, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s; medians over rounds, ratios medians of ` +
      `per-round ratios (${count} processes / 1 process)`,
  );
  console.log(line(['figure', '1 process', `${count} processes`, 'ratio', 'held to']));
  for (const [name, pick, digits] of rows) {
    console.log(
      line([
        name,
        fixed(med(one, pick), digits),
        fixed(med(many, pick), digits),
        `×${fixed(ratio(pick))}`,
        'no target (informational)',
      ]),
    );
  }
  const lost = setups.flatMap((s) => s.rounds).reduce((n, f) => n + f.lost + f.joinFailures, 0);
  console.log(`edits never relayed or joins failed: ${lost} (held to 0)`);
  return lost > 0 ? [`${count} processes: ${lost} edits never relayed or joins failed`] : [];
}
