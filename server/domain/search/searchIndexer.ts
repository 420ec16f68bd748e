/**
 * Keeps the search index in step with what the server stores. A change only
 * marks its meeting (a map lookup on the live edit path); the meeting is read
 * and indexed once it has been quiet for `debounceMs`, or at the latest
 * `maxWaitMs` after it was first marked, so a meeting edited without pause is
 * still found within seconds. One worker indexes one meeting at a time: live
 * changes first, then the rebuild of meetings whose index is missing or stale,
 * walked newest first in bounded batches so the server answers from the start.
 */
import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import type { DocumentStore } from '../../storage/documentStore.js';
import type { Database } from '../../storage/schema.js';
import type { Cursor, SearchIndexStore } from './searchIndexStore.js';
import { scopeToken } from './scope.js';
import { readSearchText } from './searchText.js';

export interface SearchIndexerOptions {
  /** Quiet time after the last change before a meeting is indexed. */
  debounceMs?: number;
  /** Longest a marked meeting waits, however often it changes. */
  maxWaitMs?: number;
  /** Meetings read per step of the rebuild on start. */
  rebuildBatch?: number;
}

export interface SearchIndexerDeps {
  db: Kysely<Database>;
  documents: DocumentStore;
  store: SearchIndexStore;
  logger: Logger;
}

interface Marked {
  since: number;
  last: number;
  timer: NodeJS.Timeout;
}

/** Edits stored this close before an indexing began may not be in what it read: they count as newer. */
const CLOCK_MARGIN_MS = 1000;

export class SearchIndexer {
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly rebuildBatch: number;
  private readonly marked = new Map<string, Marked>();
  /** Meetings due now, in order; live changes go before the rebuild's. */
  private readonly live = new Set<string>();
  private readonly backlog = new Set<string>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private working: Promise<void> | null = null;
  /** The live meeting being indexed now, if any: a flush waits for it too. */
  private currentLive: Promise<void> = Promise.resolve();
  private rebuilding: Promise<void> = Promise.resolve();
  private closed = false;
  private rebuildStopped = false;

  constructor(
    private readonly deps: SearchIndexerDeps,
    options: SearchIndexerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 4000;
    this.rebuildBatch = options.rebuildBatch ?? 50;
  }

  /** Notes that a meeting changed. Cheap: called for every stored edit. */
  mark(meetingId: string): void {
    if (this.closed) return;
    const now = Date.now();
    const marked = this.marked.get(meetingId);
    if (marked) {
      marked.last = now;
      return;
    }
    const timer = setTimeout(() => this.check(meetingId), this.debounceMs).unref();
    this.marked.set(meetingId, { since: now, last: now, timer });
  }

  /** Indexes a meeting as soon as the worker is free; resolves once it is done. */
  reindex(meetingId: string): Promise<void> {
    const done = new Promise<void>((resolve) => {
      const list = this.waiters.get(meetingId) ?? [];
      list.push(resolve);
      this.waiters.set(meetingId, list);
    });
    this.unmark(meetingId);
    this.live.add(meetingId);
    this.pump();
    return done;
  }

  /** Indexes every marked meeting now and resolves once nothing live is waiting (the rebuild may go on). */
  async flush(): Promise<void> {
    const due = new Set([...this.marked.keys(), ...this.live]);
    const running = this.currentLive;
    await Promise.all([running, ...[...due].map((id) => this.reindex(id))]);
  }

  /** Starts indexing, newest first, every meeting whose index is missing or stale; see `rebuilt`. */
  startRebuild(): void {
    this.rebuilding = this.rebuild().catch((err: unknown) =>
      this.deps.logger.error('search', 'rebuilding the search index failed', { err }),
    );
  }

  /** Resolves when the rebuild started by `startRebuild` is over (or was stopped by `close`). */
  rebuilt(): Promise<void> {
    return this.rebuilding;
  }

  /** Stops the rebuild (it resumes on the next start), indexes what is marked, and ignores later changes. */
  async close(): Promise<void> {
    this.rebuildStopped = true;
    this.backlog.clear();
    await this.flush();
    this.closed = true;
    await this.rebuilding;
    await this.working;
  }

  private unmark(meetingId: string): void {
    const marked = this.marked.get(meetingId);
    if (!marked) return;
    clearTimeout(marked.timer);
    this.marked.delete(meetingId);
  }

  private check(meetingId: string): void {
    const marked = this.marked.get(meetingId);
    if (!marked) return;
    const now = Date.now();
    const due = Math.min(marked.last + this.debounceMs, marked.since + this.maxWaitMs);
    if (now < due) {
      marked.timer = setTimeout(() => this.check(meetingId), due - now).unref();
      return;
    }
    this.marked.delete(meetingId);
    this.live.add(meetingId);
    this.pump();
  }

  private pump(): void {
    if (this.working) return;
    this.working = this.work().finally(() => {
      this.working = null;
    });
  }

  private async work(): Promise<void> {
    for (;;) {
      const liveNext = first(this.live);
      const next = liveNext ?? first(this.backlog);
      if (next === undefined) return;
      this.live.delete(next);
      this.backlog.delete(next);
      // Only those waiting before this run began are served by it: one who asks during the run asks for
      // what was stored after it read the meeting, and is served by the next run (reindex queued it).
      const waiting = this.waiters.get(next) ?? [];
      this.waiters.delete(next);
      const run = this.index(next);
      if (liveNext !== undefined) this.currentLive = run;
      await run;
      for (const resolve of waiting) resolve();
    }
  }

  private async index(meetingId: string): Promise<void> {
    try {
      const indexedAt = new Date(Date.now() - CLOCK_MARGIN_MS).toISOString();
      const read = await readSearchText(this.deps.db, this.deps.documents, meetingId);
      if (read === null) await this.deps.store.remove(meetingId);
      else await this.deps.store.replace(meetingId, scopeToken(read.partnershipId), read.texts, indexedAt);
    } catch (err) {
      // The meeting keeps its older entries; the next change or start indexes it again.
      this.deps.logger.warn('search', 'could not index a meeting', { err, meetingId });
    }
  }

  private async rebuild(): Promise<void> {
    let after: Cursor | null = null;
    let count = 0;
    while (!this.rebuildStopped) {
      const batch = await this.deps.store.needingIndex(this.rebuildBatch, after);
      if (batch.length === 0) break;
      for (const meeting of batch) this.backlog.add(meeting.id);
      after = batch.at(-1) ?? null;
      this.pump();
      // Wait for this batch before reading the next, so memory and the queue stay bounded.
      while (this.backlog.size > 0 && this.working) await this.working;
      count += batch.length;
    }
    if (count > 0) this.deps.logger.info('search', 'search index rebuilt', { meetings: count });
  }
}

function first<T>(set: Set<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}
