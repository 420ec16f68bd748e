/**
 * The meeting documents' storage: an append-only log of Yjs updates per
 * meeting, compacted in the background into one row.
 *
 * `append` resolves only once the update is committed. Appends made in the same
 * tick are written in one transaction (one fsync), and batches are written one
 * after another so that commit order is arrival order.
 */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits.js';
import type { Logger } from '../logger.js';
import type { Database } from './db.js';
import { applyInSlices, nextTurn } from './slices.js';

export interface StoredDocument {
  /** Every stored update, in order. Apply them all to rebuild the document. */
  updates: Uint8Array[];
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
  /** Replaces the meeting's log by a single row holding the same document. Safe while appends go on. */
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
}

interface Pending {
  meetingId: string;
  data: Uint8Array;
  userId: string | null;
  claims: readonly number[];
  createdAt: string;
  resolve: (id: number) => void;
  reject: (err: unknown) => void;
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

/** better-sqlite3 and pg return Buffers; both bind Buffers (not bare Uint8Arrays) as blobs. */
function toBytes(data: Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Our raw SQLite statements share the connection with Kysely. A Kysely
 * transaction spans several ticks, so a raw write made meanwhile would join it
 * (and vanish if it rolled back). Wait until no transaction is open; our own
 * raw transactions are synchronous, so nothing can interleave with them.
 */
async function outsideTransaction(sqlite: SQLite.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise<void>((r) => setImmediate(r));
}

/**
 * On SQLite the hot path skips the query builder: one prepared statement in one
 * synchronous transaction per batch. On PostgreSQL, one multi-row insert.
 */
function buildBatchWriter(database: Database): (batch: Pending[]) => Promise<number[]> {
  const sqlite = database.sqlite;
  if (sqlite) {
    const insert = sqlite.prepare(
      'insert into doc_updates (meeting_id, data, user_id, created_at) values (?, ?, ?, ?)',
    );
    const claim = sqlite.prepare(
      'insert into doc_clients (meeting_id, client_id, user_id, created_at) values (?, ?, ?, ?) on conflict do nothing',
    );
    const insertAll = sqlite.transaction((batch: Pending[]) =>
      batch.map((p) => {
        const id = Number(insert.run(p.meetingId, asBuffer(p.data), p.userId, p.createdAt).lastInsertRowid);
        for (const client of p.claims) claim.run(p.meetingId, client, p.userId, p.createdAt);
        return id;
      }),
    );
    return async (batch) => {
      if (sqlite.inTransaction) await outsideTransaction(sqlite);
      return insertAll(batch);
    };
  }
  return async (batch) => {
    const claims = batch.flatMap((p) =>
      p.userId
        ? p.claims.map((client) => ({
            meeting_id: p.meetingId,
            client_id: client,
            user_id: p.userId as string,
            created_at: p.createdAt,
          }))
        : [],
    );
    const rows = batch.map((p) => ({
      meeting_id: p.meetingId,
      data: asBuffer(p.data),
      user_id: p.userId,
      created_at: p.createdAt,
    }));
    return database.db.transaction().execute(async (trx) => {
      // A multi-row insert returns its rows in the order of its values.
      const inserted = await trx.insertInto('doc_updates').values(rows).returning('id').execute();
      if (claims.length > 0) {
        await trx
          .insertInto('doc_clients')
          .values(claims)
          .onConflict((oc) => oc.columns(['meeting_id', 'client_id']).doNothing())
          .execute();
      }
      return inserted.map((r) => Number(r.id));
    });
  };
}

/**
 * Re-encodes rows through a doc rather than Y.mergeUpdates, which would keep deleted content. A row at a
 * time (slices.ts), so compacting a meeting at its size limit never holds the event loop for long.
 */
async function encodeRows(rows: readonly { data: Uint8Array }[]): Promise<Uint8Array> {
  const doc = new Y.Doc();
  try {
    await applyInSlices(
      doc,
      rows.map((r) => toBytes(r.data)),
    );
    await nextTurn();
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

type Compactor = (meetingId: string) => Promise<Compaction>;

const byteLength = (rows: readonly { data: Uint8Array }[]) => rows.reduce((n, r) => n + r.data.byteLength, 0);

/** How many times a compaction reads the log again when another writer compacted it meanwhile. */
const COMPACTION_ATTEMPTS = 3;

/**
 * Replaces the rows of a meeting's log by one holding the same document. The rows are read and
 * re-encoded outside any transaction (that is the long part, done in slices); then, in one short
 * transaction, the rows read are replaced only if they are all still there. Rows appended meanwhile
 * stay as they are. When another writer (a second process) compacted first, the log is read again.
 */
function buildCompactor(database: Database): Compactor {
  const sqlite = database.sqlite;
  if (sqlite) {
    const select = sqlite.prepare<[string], { id: number; data: Buffer }>(
      'select id, data from doc_updates where meeting_id = ? order by id',
    );
    const countUpTo = sqlite.prepare<[string, number], { n: number; first: number | null }>(
      'select count(*) as n, min(id) as first from doc_updates where meeting_id = ? and id <= ?',
    );
    const remove = sqlite.prepare('delete from doc_updates where meeting_id = ? and id <= ?');
    const insert = sqlite.prepare(
      'insert into doc_updates (meeting_id, data, user_id, created_at) values (?, ?, null, ?)',
    );
    const swap = sqlite.transaction(
      (meetingId: string, first: number, last: number, count: number, compacted: Uint8Array): boolean => {
        const still = countUpTo.get(meetingId, last);
        if (!still || still.n !== count || still.first !== first) return false;
        remove.run(meetingId, last);
        insert.run(meetingId, asBuffer(compacted), new Date().toISOString());
        return true;
      },
    );
    return async (meetingId) => {
      let before = 0;
      for (let attempt = 0; attempt < COMPACTION_ATTEMPTS; attempt++) {
        if (sqlite.inTransaction) await outsideTransaction(sqlite);
        const rows = select.all(meetingId);
        before = rows.length;
        const first = rows[0];
        const last = rows.at(-1);
        if (rows.length < 2 || !first || !last) return { before, after: before, bytesFreed: 0 };
        const compacted = await encodeRows(rows);
        if (sqlite.inTransaction) await outsideTransaction(sqlite);
        // IMMEDIATE takes the write lock before reading. A deferred transaction that reads and then
        // writes fails at once with SQLITE_BUSY (busy_timeout cannot help) when another connection,
        // such as a second process on the same file, committed in between.
        if (swap.immediate(meetingId, first.id, last.id, rows.length, compacted)) {
          return { before, after: 1, bytesFreed: byteLength(rows) - compacted.byteLength };
        }
      }
      return { before, after: before, bytesFreed: 0 };
    };
  }
  const compactPostgres = async (meetingId: string): Promise<Compaction> => {
    let before = 0;
    for (let attempt = 0; attempt < COMPACTION_ATTEMPTS; attempt++) {
      const rows = await database.db
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute();
      before = rows.length;
      if (rows.length < 2) return { before, after: before, bytesFreed: 0 };
      const compacted = await encodeRows(rows);
      const ids = rows.map((r) => r.id);
      const swapped = await database.db.transaction().execute(async (trx) => {
        // Lock the rows read; any another compaction removed means the log changed under us.
        const still = await trx
          .selectFrom('doc_updates')
          .select('id')
          .where('meeting_id', '=', meetingId)
          .where(sql<boolean>`id = any(${ids}::bigint[])`)
          .forUpdate()
          .execute();
        if (still.length !== ids.length) return false;
        // Delete exactly the rows read, not "every id up to the last": under READ COMMITTED the delete sees
        // rows committed since the select (a lower id committed late by another writer), which were not encoded.
        await trx
          .deleteFrom('doc_updates')
          .where('meeting_id', '=', meetingId)
          .where(sql<boolean>`id = any(${ids}::bigint[])`)
          .execute();
        await trx
          .insertInto('doc_updates')
          .values({
            meeting_id: meetingId,
            data: asBuffer(compacted),
            user_id: null,
            created_at: new Date().toISOString(),
          })
          .execute();
        return true;
      });
      if (swapped) return { before, after: 1, bytesFreed: byteLength(rows) - compacted.byteLength };
    }
    return { before, after: before, bytesFreed: 0 };
  };
  // One compaction of a meeting at a time across every process on this database: a session-level advisory
  // lock, held on one connection while the log is read, re-encoded and swapped (released if the process
  // dies). A process that finds it taken leaves the work to the holder.
  return (meetingId) =>
    database.db.connection().execute(async (conn) => {
      const key = `tandem:compact:${meetingId}`;
      const taken = await sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtext(${key})) as ok`.execute(conn);
      if (!taken.rows[0]?.ok) return { before: 0, after: 0, bytesFreed: 0 };
      try {
        return await compactPostgres(meetingId);
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
      }
    });
}
