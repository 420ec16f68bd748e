/**
 * `npm run bench`: the collaboration hot path under a meeting's load, measured
 * against the reference `@y/websocket-server` in the same run (`bench/meetings.ts`):
 * server CPU per edit and edit latency as ratios to it, memory per active
 * meeting, and a 20,000-edit meeting opened from disk. `--meetings` runs only that.
 *
 * Then history (`bench/history.ts`).
 * Then search over 10,000 meetings (`bench/search.ts`). `--search` runs only that.
 * Then the JavaScript each page downloads (`bench/size.ts`). `--size` runs only that.
 * Then a hostile partner beside 50 honest meetings (`bench/hostile.ts`). `--hostile` runs only that.
 * `--processes N` runs only the meeting load on N processes against one (`bench/processes.ts`).
 */
import { HOSTILE_TARGETS, runHostileBench } from './hostile.js';
import { runHistoryBench } from './history.js';
import { MEETING_TARGETS, runMeetingBench } from './meetings.js';
import { runProcessesBench } from './processes.js';
import { runSearchBench, SEARCH_TARGETS } from './search.js';
import { runSizeBench, SIZE_TARGETS } from './size.js';

async function main(): Promise<void> {
  const failures: string[] = [];
  failures.push(...(await runMeetingBench()));
  failures.push(...(await runHistoryBench()));
  failures.push(...(await runHostileBench()));
  failures.push(...(await runSearchBench()));
  failures.push(...(await runSizeBench()));
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `All targets met: CPU per edit ≤×${MEETING_TARGETS.cpuRatio} and p99 ≤×${MEETING_TARGETS.p99Ratio} of the reference's, ≤${MEETING_TARGETS.memoryPerMeetingKib} KiB per active meeting, search p95 ≤${SEARCH_TARGETS.p95Ms} ms, under a hostile partner loop delay ≤${HOSTILE_TARGETS.loopMaxMs} ms and honest p99 ≤${HOSTILE_TARGETS.honestP99Ms} ms, page JavaScript ≤${SIZE_TARGETS.homeKb}/${SIZE_TARGETS.meetingKb} KB gzipped; history targets above.`,
  );
}

async function meetingsOnly(): Promise<void> {
  const failures = await runMeetingBench();
  if (failures.length) {
    console.error(`Targets missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('All meeting targets met.');
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

async function processesOnly(count: number): Promise<void> {
  const failures = await runProcessesBench(count);
  if (failures.length) {
    console.error(`Failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Several-processes figures are informational: the issue sets no target for them.`);
}

const processesAt = process.argv.indexOf('--processes');
const processCount = processesAt >= 0 ? Number(process.argv[processesAt + 1] ?? 3) : 0;
if (processesAt >= 0 && !(Number.isInteger(processCount) && processCount >= 2)) {
  console.error('--processes needs a number of processes, 2 or more');
  process.exit(2);
}

await (processesAt >= 0
  ? processesOnly(processCount)
  : process.argv.includes('--search')
    ? searchOnly()
    : process.argv.includes('--size')
      ? sizeOnly()
      : process.argv.includes('--hostile')
        ? hostileOnly()
        : process.argv.includes('--meetings')
          ? meetingsOnly()
          : main());
