/**
 * Part of `npm run bench` (`npm run bench -- --search` for this alone): search over 10,000
 * meetings, measured where the server spends it (the domain query, SQL and
 * snippets included; no HTTP).
 *
 * Seeds SEARCH_MEETINGS meetings (1,000 partnerships: 200 coaches with five
 * teachers each, ten meetings per partnership), each with six sections and a
 * few facts of English-like text whose words follow a Zipf-like frequency, so
 * common words ("students") are in most meetings and rare ones in few. Then
 * runs queries (common, middling, rare, two words, no hit) as coaches (50
 * meetings each) and teachers (10), and reports p50/p95 per backend against
 * the target. SQLite always; PostgreSQL too when BENCH_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { scopeToken } from '../server/domain/search/scope.js';
import { createLogger } from '../server/logger.js';
import { buildServices, type Services } from '../server/services.js';

const MEETINGS = Number(process.env.SEARCH_MEETINGS ?? 10_000);
const QUERIES = Number(process.env.SEARCH_QUERIES ?? 400);
const MEETINGS_PER_PARTNERSHIP = 10;
const TEACHERS_PER_COACH = 5;

/** Target from the brief: p95 of a search over 10,000 meetings. */
export const SEARCH_TARGETS = { p95Ms: 50 };

const COMMON = [
  'students',
  'questions',
  'lesson',
  'teacher',
  'practice',
  'routine',
  'feedback',
  'behaviour',
  'reading',
];
const SECTIONS = ['review', 'currentReality', 'goal', 'modelledStrategy', 'practicePlan', 'actionStep'];

/** A deterministic generator, so every run seeds the same text. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function vocabulary(next: () => number, size: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ter', 'sun', 'po', 'rel', 'an', 'dis', 've', 'qua', 'ing', 'ton', 'ber'];
  const words = new Set(COMMON);
  while (words.size < size) {
    const n = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length: n }, () => syllables[Math.floor(next() * syllables.length)]).join(''));
  }
  return [...words];
}

function sentence(next: () => number, words: string[], length: number): string {
  // Zipf-like: low indexes (the common words) are picked far more often.
  return Array.from({ length }, () => words[Math.floor(words.length * next() ** 3)]).join(' ');
}

interface Seeded {
  coaches: string[];
  teachers: string[];
  words: string[];
}

async function seed(services: Services): Promise<Seeded> {
  const { db } = services;
  const next = random(42);
  const words = vocabulary(next, 5000);
  const now = Date.now();
  const coaches: string[] = [];
  const teachers: string[] = [];
  const users: { id: string; name: string; email: string; password_hash: string; created_at: string }[] = [];
  const partnerships: { id: string; coach_id: string; teacher_id: string; created_at: string }[] = [];
  const created = new Date(now).toISOString();
  const partnershipCount = Math.ceil(MEETINGS / MEETINGS_PER_PARTNERSHIP);
  for (let p = 0; p < partnershipCount; p++) {
    if (p % TEACHERS_PER_COACH === 0) {
      const id = randomUUID();
      coaches.push(id);
      users.push({ id, name: `Coach ${p}`, email: `c${p}@bench.test`, password_hash: 'x', created_at: created });
    }
    const teacher = randomUUID();
    teachers.push(teacher);
    users.push({
      id: teacher,
      name: `Teacher ${p}`,
      email: `t${p}@bench.test`,
      password_hash: 'x',
      created_at: created,
    });
    partnerships.push({ id: randomUUID(), coach_id: coaches.at(-1)!, teacher_id: teacher, created_at: created });
  }
  for (const chunk of chunks(users, 500)) await db.insertInto('users').values(chunk).execute();
  for (const chunk of chunks(partnerships, 500)) await db.insertInto('partnerships').values(chunk).execute();

  const meetings = [];
  const entries = [];
  const state = [];
  for (let m = 0; m < MEETINGS; m++) {
    const partnership = partnerships[m % partnershipCount]!;
    const id = randomUUID();
    const at = new Date(now - (MEETINGS - m) * 60_000).toISOString();
    meetings.push({
      id,
      partnership_id: partnership.id,
      title: `Meeting ${m}`,
      title_given: 1,
      number: m + 1,
      created_by: partnership.coach_id,
      created_at: at,
    });
    const scope = scopeToken(partnership.id);
    for (const field of SECTIONS) entries.push({ meeting_id: id, field, scope, body: sentence(next, words, 40) });
    entries.push({ meeting_id: id, field: 'rehearsal', scope, body: sentence(next, words, 12) });
    entries.push({ meeting_id: id, field: 'feedback', scope, body: sentence(next, words, 12) });
    state.push({ meeting_id: id, indexed_at: new Date(now + 60_000).toISOString(), version: 1 });
  }
  for (const chunk of chunks(meetings, 500)) await db.insertInto('meetings').values(chunk).execute();
  for (const chunk of chunks(entries, 500)) await db.insertInto('search_entries').values(chunk).execute();
  for (const chunk of chunks(state, 500)) await db.insertInto('search_index_state').values(chunk).execute();
  return { coaches, teachers, words };
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(backend: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-search-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const services = await buildServices(config, createLogger(config.logLevel, true));
  try {
    const seedStart = performance.now();
    const { coaches, teachers, words } = await seed(services);
    const seedMs = Math.round(performance.now() - seedStart);
    const next = random(7);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const queries = [
      () => pick(COMMON),
      () => words[50 + Math.floor(next() * 200)]!,
      () => words[2000 + Math.floor(next() * 3000)]!,
      () => `${pick(COMMON)} ${words[20 + Math.floor(next() * 100)]}`,
      () => 'nowhereword',
    ];
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES + 20; i++) {
      const user = i % 2 === 0 ? pick(coaches) : pick(teachers);
      const q = queries[i % queries.length]!();
      const start = performance.now();
      const answer = await services.search.search(user, q);
      const ms = performance.now() - start;
      // The first few warm the caches and the prepared plans.
      if (i >= 20) {
        times.push(ms);
        hits += answer.total;
      }
    }
    times.sort((a, b) => a - b);
    return {
      backend,
      meetings: MEETINGS,
      entries: MEETINGS * (SECTIONS.length + 2),
      seedMs,
      queries: times.length,
      meanHits: +(hits / times.length).toFixed(1),
      searchMs: {
        p50: +percentile(times, 50).toFixed(2),
        p95: +percentile(times, 95).toFixed(2),
        max: +times.at(-1)!.toFixed(2),
      },
    };
  } finally {
    await services.search.close();
    await services.database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the search benchmark on each backend; returns the targets missed. */
export async function runSearchBench(): Promise<string[]> {
  const backends: [string, string | undefined][] = [['sqlite', undefined]];
  if (process.env.BENCH_DATABASE_URL) backends.push(['postgres', process.env.BENCH_DATABASE_URL]);
  const failures: string[] = [];
  for (const [backend, url] of backends) {
    const result = await measure(backend, url);
    console.log(JSON.stringify({ search: result, target: { p95Ms: SEARCH_TARGETS.p95Ms } }, null, 2));
    if (result.searchMs.p95 > SEARCH_TARGETS.p95Ms) {
      failures.push(`search p95 on ${backend} ${result.searchMs.p95} ms > ${SEARCH_TARGETS.p95Ms} ms`);
    }
  }
  return failures;
}
