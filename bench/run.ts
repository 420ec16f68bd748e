/**
 * `npm run bench`: the collaboration hot path under load, measured.
 *
 * Starts the server in a child process (SQLite, synchronous=NORMAL unless
 * SQLITE_SYNCHRONOUS says otherwise), opens
 * PAIRS meetings with two authenticated sockets each, and has one side of each
 * pair send keystroke-sized Yjs updates at a steady rate while the other side
 * receives the relays. Reports server CPU per relayed edit, relay latency
 * percentiles (send -> partner receives, which includes storing the edit) and
 * memory per open meeting, and exits non-zero when a target is missed.
 *
 * Memory is the growth of the server's live JavaScript memory (heap plus
 * external memory, which holds the array buffers, after a full GC) from before the meetings were opened to
 * after every meeting has taken its edits: the sockets, rooms, documents and
 * buffers a meeting really holds. RSS is reported too, but the allocator keeps
 * pages it already has, so at this scale it is noise rather than a measure.
 *
 * Then search over 10,000 meetings (`bench/search.ts`). `--search` runs only that.
 * Then the JavaScript each page downloads (`bench/size.ts`). `--size` runs only that.
 * Then a hostile partner beside 50 honest meetings (`bench/hostile.ts`). `--hostile` runs only that.
 */
import { HOSTILE_TARGETS, runHostileBench } from './hostile.js';
import { runHistoryBench } from './history.js';
import { runSearchBench, SEARCH_TARGETS } from './search.js';
import { runSizeBench, SIZE_TARGETS } from './size.js';
import { keystrokeFrames, makeMeeting, open, percentile, startServer, waitMessage } from './load.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const EDITS_PER_PAIR = Number(process.env.BENCH_EDITS ?? 200);
const INTERVAL_MS = 20;

/** Targets: the brief's reference servers spend ~190 µs (y-websocket) and ~280 µs (Hocuspocus) per edit. */
const TARGETS = { cpuMicrosPerEdit: 150, p99LatencyMs: 50, memoryPerMeetingKb: 200 };

async function main(): Promise<void> {
  const { child, port, usage } = await startServer({});
  const base = `http://127.0.0.1:${port}`;

  const meetings = [];
  for (let i = 0; i < PAIRS; i++) meetings.push(await makeMeeting(base, i));
  child.send('gc');
  await waitMessage(child, 'gc');
  const before = await usage();
  const pairs = await Promise.all(
    meetings.map(async (m) => ({
      sender: await open(`ws://127.0.0.1:${port}`, m.meetingId, m.coach),
      receiver: await open(`ws://127.0.0.1:${port}`, m.meetingId, m.teacher),
    })),
  );

  const frames = keystrokeFrames(EDITS_PER_PAIR);
  const latencies: number[] = [];
  const start = await usage();
  await Promise.all(
    pairs.map(
      ({ sender, receiver }, p) =>
        new Promise<void>((resolve) => {
          const sentAt: number[] = [];
          let received = 0;
          receiver.on('message', (data: Buffer) => {
            // Relayed edits are sync updates (0, 2); skip the greeting and awareness.
            if (data[0] !== 0 || data[1] !== 2) return;
            latencies.push(performance.now() - sentAt[received]!);
            if (++received === EDITS_PER_PAIR) resolve();
          });
          let i = 0;
          const send = () => {
            if (i >= EDITS_PER_PAIR) return;
            sentAt.push(performance.now());
            sender.send(frames[i++]!);
            setTimeout(send, INTERVAL_MS);
          };
          setTimeout(send, (p * INTERVAL_MS) / PAIRS);
        }),
    ),
  );
  const end = await usage();
  child.send('gc');
  await waitMessage(child, 'gc');
  const opened = await usage();
  for (const { sender, receiver } of pairs) {
    sender.close();
    receiver.close();
  }

  const edits = PAIRS * EDITS_PER_PAIR;
  const cpuPerEdit = (end.cpuMicros - start.cpuMicros) / edits;
  latencies.sort((a, b) => a - b);
  const perMeetingKb = (bytes: number) => Math.round(bytes / 1024 / PAIRS);
  const results = {
    pairs: PAIRS,
    edits,
    cpuMicrosPerEdit: Math.round(cpuPerEdit),
    latencyMs: { p50: +percentile(latencies, 50).toFixed(2), p99: +percentile(latencies, 99).toFixed(2) },
    memoryPerMeetingKb: perMeetingKb(opened.live - before.live),
    rssPerMeetingKb: perMeetingKb(opened.rss - before.rss),
  };
  console.log(JSON.stringify(results, null, 2));

  const failures: string[] = [];
  if (results.cpuMicrosPerEdit > TARGETS.cpuMicrosPerEdit)
    failures.push(`CPU per edit ${results.cpuMicrosPerEdit} µs > ${TARGETS.cpuMicrosPerEdit} µs`);
  if (results.latencyMs.p99 > TARGETS.p99LatencyMs)
    failures.push(`p99 latency ${results.latencyMs.p99} ms > ${TARGETS.p99LatencyMs} ms`);
  if (results.memoryPerMeetingKb > TARGETS.memoryPerMeetingKb)
    failures.push(`memory per open meeting ${results.memoryPerMeetingKb} KB > ${TARGETS.memoryPerMeetingKb} KB`);
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  failures.push(...(await runHistoryBench()));
  failures.push(...(await runHostileBench()));
  failures.push(...(await runSearchBench()));
  failures.push(...(await runSizeBench()));
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `All targets met: ≤${TARGETS.cpuMicrosPerEdit} µs CPU per edit, p99 ≤${TARGETS.p99LatencyMs} ms, ≤${TARGETS.memoryPerMeetingKb} KB per open meeting, search p95 ≤${SEARCH_TARGETS.p95Ms} ms, under a hostile partner loop delay ≤${HOSTILE_TARGETS.loopMaxMs} ms and honest p99 ≤${HOSTILE_TARGETS.honestP99Ms} ms, page JavaScript ≤${SIZE_TARGETS.homeKb}/${SIZE_TARGETS.meetingKb} KB gzipped; history targets above.`,
  );
}

async function searchOnly(): Promise<void> {
  const failures = await runSearchBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`All targets met: search p95 ≤${SEARCH_TARGETS.p95Ms} ms.`);
}

async function sizeOnly(): Promise<void> {
  const failures = await runSizeBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`All targets met: page JavaScript ≤${SIZE_TARGETS.homeKb}/${SIZE_TARGETS.meetingKb} KB gzipped.`);
}

async function hostileOnly(): Promise<void> {
  const failures = await runHostileBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `All targets met: under a hostile partner loop delay p99 ≤${HOSTILE_TARGETS.loopP99Ms} ms, max ≤${HOSTILE_TARGETS.loopMaxMs} ms, honest p99 ≤${HOSTILE_TARGETS.honestP99Ms} ms.`,
  );
}

await (process.argv.includes('--search')
  ? searchOnly()
  : process.argv.includes('--size')
    ? sizeOnly()
    : process.argv.includes('--hostile')
      ? hostileOnly()
      : main());
