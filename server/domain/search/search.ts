/**
 * Full-text search across every meeting of every partnership a person is in,
 * and the index behind it, kept by the server from the stored documents and
 * facts (see `searchIndexer.ts`, `searchText.ts`). Built once in
 * `services.ts` as `services.search`.
 */
import { SEARCH_LIMITS, type SearchResponse } from '../../../shared/search.js';
import type { Logger } from '../../logger.js';
import type { Database } from '../../storage/db.js';
import type { DocumentStore } from '../../storage/documentStore.js';
import type { DomainEventMap, DomainEvents } from '../events.js';
import { planSearch } from './matchExpression.js';
import { createSearchIndexStore } from './searchIndexStore.js';
import { SearchIndexer, type SearchIndexerOptions } from './searchIndexer.js';
import { runSearch } from './searchQuery.js';
import { groupResults } from './searchResults.js';
import { newestMeetingOfCycle } from './searchText.js';

export interface SearchDeps {
  database: Database;
  documents: DocumentStore;
  events: DomainEvents;
  logger: Logger;
}

export class Search {
  private readonly indexer: SearchIndexer;
  private readonly listeners: { [K in keyof DomainEventMap]?: (...args: DomainEventMap[K]) => void } = {};

  constructor(
    private readonly deps: SearchDeps,
    options: SearchIndexerOptions = {},
  ) {
    const { database, documents, logger } = deps;
    const store = createSearchIndexStore(database);
    this.indexer = new SearchIndexer({ db: database.db, documents, store, logger }, options);
  }

  /**
   * The caller's hits for `query`, newest meeting first, grouped by partnership and meeting; at most
   * `limit` (default and most `SEARCH_LIMITS.maxResults`). `validation_failed` (400) for an empty, too
   * long or wordless query. Finds nothing outside the caller's own partnerships, and nothing at all for
   * a closed account.
   */
  async search(userId: string, query: string, options: { limit?: number } = {}): Promise<SearchResponse> {
    const plan = planSearch(query);
    const limit = Math.max(1, Math.min(options.limit ?? SEARCH_LIMITS.maxResults, SEARCH_LIMITS.maxResults));
    const rows = await runSearch(this.deps.database, userId, plan, limit + 1);
    return groupResults(plan.words, rows.slice(0, limit), rows.length > limit);
  }

  /** Listens to domain events and starts rebuilding, in the background, what is missing or stale. */
  start(): void {
    const mark = ({ meetingId }: { meetingId: string }) => this.indexer.mark(meetingId);
    this.listen('documentStored', mark);
    this.listen('coachingChanged', mark);
    this.listen('meetingStarted', (e) => {
      this.indexer.mark(e.meetingId);
      // The cycle's measure and tags move to the newest meeting: the one before must drop them.
      void this.previousMeeting(e.meetingId, e.partnershipId).then((id) => id && this.indexer.mark(id));
    });
    this.listen('cycleChanged', (e) => {
      void newestMeetingOfCycle(this.deps.database.db, e.cycleId).then(
        (id) => id && this.indexer.mark(id),
        (err: unknown) => this.deps.logger.warn('search', 'could not find the meeting of a cycle', { err }),
      );
    });
    this.indexer.startRebuild();
  }

  /** Indexes one meeting now, from what is stored; resolves when done. */
  reindex(meetingId: string): Promise<void> {
    return this.indexer.reindex(meetingId);
  }

  /** Resolves once every change noted so far is in the index (not waiting for the rebuild on start). */
  flush(): Promise<void> {
    return this.indexer.flush();
  }

  /** Resolves once the rebuild begun by `start` is over. */
  rebuilt(): Promise<void> {
    return this.indexer.rebuilt();
  }

  /** Stops listening, indexes what is pending and stops the rebuild (the next start resumes it). */
  async close(): Promise<void> {
    for (const [event, listener] of Object.entries(this.listeners)) {
      this.deps.events.off(event as keyof DomainEventMap, listener as () => void);
    }
    await this.indexer.close();
  }

  private listen<K extends keyof DomainEventMap>(event: K, listener: (...args: DomainEventMap[K]) => void): void {
    (this.listeners as Record<K, typeof listener>)[event] = listener;
    this.deps.events.on(event, listener as never);
  }

  private async previousMeeting(meetingId: string, partnershipId: string): Promise<string | null> {
    try {
      const { db } = this.deps.database;
      const started = await db
        .selectFrom('meetings')
        .select('created_at')
        .where('id', '=', meetingId)
        .executeTakeFirst();
      if (!started) return null;
      const row = await db
        .selectFrom('meetings')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where('created_at', '<', started.created_at)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.id ?? null;
    } catch (err) {
      this.deps.logger.warn('search', 'could not find the meeting before a new one', { err, meetingId });
      return null;
    }
  }
}
