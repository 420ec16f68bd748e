/**
 * The meeting bench's load on one server (`meetings.ts`): its meetings created and connected,
 * warmed up, then one round of typing, reloads and rejoins, measured as `RoundFigures`.
 */
import { performance as perfHooks } from 'node:perf_hooks';
import { makeMeeting, percentile } from './load.js';
import { MeetingLoad, newSamples, seeded, type Samples } from './meetingClient.js';
import type { Server } from './meetingServers.js';
import type { Window } from './profileSummary.js';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
export const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const EDIT_EVERY_MS = 200;
const RELOADS = 0.1;
const REJOINS = 0.03;
const SETTLE_MS = 5000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

// ---- Rounds ----

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
