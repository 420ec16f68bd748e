/**
 * The meeting documents' storage: an append-only log of Yjs updates per
 * meeting, compacted in the background into a few bounded rows (chunkedEncoding.ts).
 *
 * `append` resolves only once the update is committed. Appends made in the same
 * tick are written in one transaction (one fsync), and batches are written one
 * after another so that commit order is arrival order.
 */
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits.js';
import type { Logger } from '../logger.js';
import type { Database } from './db.js';
import { buildCompactor } from './logCompactor.js';
import { buildBatchWriter, toBytes, type Pending } from './logWriter.js';
import { applyInSlices } from './slices.js';

export interface StoredDocument {
  /** Every stored update, in order. Apply them all to rebuild the document. */
  updates: Uint8Array[];
  /** Each update's row id, in the same order. */
  ids: number[];
  /** Rows in the log (a compacted prefix counts as one). */
  rows: number;
  /** Total size of the stored updates in bytes. */
  bytes: number;
  /** Yjs client id -> the user whose connection wrote with it. */
  owners: Map<number, string>;
  /** The id of the last row read (0 for an empty log): rows after it are newer than this copy. */
  lastId: number;
}

/** What a compaction did: rows before and after, and the stored bytes it freed (0 when it did nothing). */
export interface Compaction {
  before: number;
  after: number;
  bytesFreed: number;
}

export interface DocumentStore {
  load(meetingId: string): Promise<StoredDocument>;
  /**
   * Resolves once the update is durably stored, together with `claims`: Yjs
   * client ids first seen in it, owned from now on by `userId`. Resolves with the row's id.
   */
  append(meetingId: string, update: Uint8Array, userId: string | null, claims?: readonly number[]): Promise<number>;
  /** Replaces the meeting's log by fewer rows (of bounded size) holding the same document. Safe while appends go on. */
  compact(meetingId: string): Promise<Compaction>;
  /** Resolves when every append made so far is stored. */
  flush(): Promise<void>;
  /**
   * The meeting's document as it stands now, to read only (never change or destroy it): the live
   * room's copy while one serves it, else a copy rebuilt from the log and kept for the next read
   * (`LIMITS.documentReadCacheSize` meetings), which then applies only the rows added since.
   */
  read(meetingId: string): Promise<Y.Doc>;
  /** Reads of the meeting use `doc` (a live room's copy, complete with the log) until the returned function is called. */
  serveLive(meetingId: string, doc: Y.Doc): () => void;
  /** Keeps a complete copy (a room's as it unloads, every write stored) for later reads; it is never destroyed. */
  keep(meetingId: string, doc: Y.Doc): Promise<void>;
  /**
   * Takes the kept copy out of the read cache for a room about to serve the meeting (which will change
   * it), with the last row it holds; null when there is none. Rows after that are the room's to apply.
   */
  take(meetingId: string): { doc: Y.Doc; lastId: number } | null;
}

export function createDocumentStore(database: Database, logger: Logger): DocumentStore {
  const { db } = database;
  let queue: Pending[] = [];
  let scheduled = false;
  /** The batch being written now; the next one waits for it. */
  let writing: Promise<void> = Promise.resolve();

  const writeBatch = buildBatchWriter(database);
  const compactLog = buildCompactor(database);
  const live = new Map<string, Y.Doc>();
  /** Rebuilt documents and the last row applied to each, least recently read first. */
  const cache = new Map<string, { doc: Y.Doc; lastId: number }>();

  function scheduleFlush(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = queue;
      queue = [];
      writing = writing.then(async () => {
        try {
          const ids = await writeBatch(batch);
          batch.forEach((p, i) => p.resolve(ids[i] ?? 0));
        } catch (err) {
          logger.error('storage', 'failed to store document updates', { err, count: batch.length });
          for (const p of batch) p.reject(err);
        }
      });
    });
  }

  return {
    async load(meetingId) {
      const rows = await db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute();
      const clients = await db
        .selectFrom('doc_clients')
        .select(['client_id', 'user_id'])
        .where('meeting_id', '=', meetingId)
        .execute();
      const updates = rows.map((r) => toBytes(r.data));
      return {
        updates,
        ids: rows.map((r) => Number(r.id)),
        rows: rows.length,
        bytes: updates.reduce((n, u) => n + u.byteLength, 0),
        owners: new Map(clients.map((c) => [Number(c.client_id), c.user_id])),
        lastId: Number(rows.at(-1)?.id ?? 0),
      };
    },

    append(meetingId, update, userId, claims = []) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ meetingId, data: update, userId, claims, createdAt: new Date().toISOString(), resolve, reject });
        scheduleFlush();
      });
    },

    compact(meetingId) {
      return compactLog(meetingId);
    },

    async read(meetingId) {
      const serving = live.get(meetingId);
      if (serving) return serving;
      const cached = cache.get(meetingId);
      let query = db.selectFrom('doc_updates').select(['id', 'data']).where('meeting_id', '=', meetingId);
      if (cached) query = query.where('id', '>', cached.lastId);
      const rows = await query.orderBy('id').execute();
      const servingNow = live.get(meetingId);
      if (servingNow) return servingNow;
      // Rows only ever add to a document (a compacted row re-encodes what it replaced), so applying the
      // new ones to the kept copy gives the document now. Evicted copies are dropped, never destroyed:
      // a reader may still be holding one.
      const entry = cache.get(meetingId) ?? { doc: new Y.Doc(), lastId: 0 };
      cache.delete(meetingId);
      cache.set(meetingId, entry);
      if (rows.length > 0) {
        // A row at a time (see slices.ts). Another read meanwhile applies the same rows again, which
        // changes nothing: each read returns only once every row it fetched is in the copy.
        await applyInSlices(
          entry.doc,
          rows.map((r) => toBytes(r.data)),
        );
        entry.lastId = Math.max(entry.lastId, Number(rows.at(-1)?.id));
      }
      while (cache.size > LIMITS.documentReadCacheSize) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
      return entry.doc;
    },

    take(meetingId) {
      const entry = cache.get(meetingId);
      if (!entry) return null;
      cache.delete(meetingId);
      return entry;
    },

    serveLive(meetingId, doc) {
      live.set(meetingId, doc);
      cache.delete(meetingId);
      return () => {
        if (live.get(meetingId) === doc) live.delete(meetingId);
      };
    },

    async keep(meetingId, doc) {
      const last = await db
        .selectFrom('doc_updates')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (live.has(meetingId)) return;
      cache.delete(meetingId);
      cache.set(meetingId, { doc, lastId: Number(last?.id ?? 0) });
      while (cache.size > LIMITS.documentReadCacheSize) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
    },

    async flush() {
      while (queue.length > 0 || scheduled) {
        await new Promise<void>((r) => setImmediate(r));
      }
      await writing.catch(() => undefined);
    },
  };
}
