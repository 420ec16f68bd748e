/**
 * The meeting bench's targets and report (`meetings.ts`): each count's figures, Tandem against the
 * reference, printed as a table of medians and ratios, checked against `MEETING_TARGETS`.
 */
import type { Usage } from './load.js';
import { ROUND_SECONDS, ROUNDS, type RoundFigures } from './meetingRounds.js';

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

const round1 = (n: number, digits = 1) => +n.toFixed(digits);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0
    ? NaN
    : ((sorted[Math.floor((sorted.length - 1) / 2)] as number) +
        (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) /
        2;
};

export interface ServerFigures {
  rounds: RoundFigures[];
  baseline: Usage;
  active: Usage;
  idle: Usage;
}

export interface CountFigures {
  meetings: number;
  tandem: ServerFigures;
  reference: ServerFigures;
  /** The Tandem server's CPU profile (BENCH_PROFILE). */
  profile: string | null;
}

const kib = (bytes: number, meetings: number) => bytes / 1024 / meetings;

/** Prints the figures of every count, Tandem against the reference; returns the targets missed. */
export function report(results: CountFigures[]): string[] {
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
