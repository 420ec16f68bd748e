/**
 * Compacting a meeting's update log into a few bounded rows holding the same document,
 * on SQLite and on PostgreSQL (under an advisory lock, so one process at a
 * time compacts a meeting).
 */
import { sql } from 'kysely';
import * as Y from 'yjs';
import type { Database } from './db.js';
import type { Compaction } from './documentStore.js';
import { asBuffer, outsideTransaction, toBytes } from './logWriter.js';
import { LIMITS } from '../../shared/limits.js';
import { encodeInChunks, RowClocks } from './chunkedEncoding.js';
import { applyInSlices, nextTurn } from './slices.js';

/**
 * Re-encodes rows through a doc rather than Y.mergeUpdates, which would keep deleted content. A row at a
 * time (slices.ts), so compacting a meeting at its size limit never holds the event loop for long.
 */
async function encodeRows(rows: readonly { data: Uint8Array }[]): Promise<Uint8Array[]> {
  const doc = new Y.Doc();
  const clocks = new RowClocks();
  try {
    await applyInSlices(
      doc,
      rows.map((r) => toBytes(r.data)),
      undefined,
      () => clocks.record(doc),
    );
    await nextTurn();
    return encodeInChunks(doc, clocks, LIMITS.maxCompactedRowItems);
  } finally {
    doc.destroy();
  }
}

export type Compactor = (meetingId: string) => Promise<Compaction>;

const byteLength = (parts: readonly Uint8Array[]) => parts.reduce((n, part) => n + part.byteLength, 0);

/** How many times a compaction reads the log again when another writer compacted it meanwhile. */
const COMPACTION_ATTEMPTS = 3;

/**
 * Replaces the rows of a meeting's log by fewer, bounded ones holding the same document. The rows are read and
 * re-encoded outside any transaction (that is the long part, done in slices); then, in one short
 * transaction, the rows read are replaced only if they are all still there. Rows appended meanwhile
 * stay as they are. When another writer (a second process) compacted first, the log is read again.
 */
export function buildCompactor(database: Database): Compactor {
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
      (meetingId: string, first: number, last: number, count: number, compacted: Uint8Array[]): boolean => {
        const still = countUpTo.get(meetingId, last);
        if (!still || still.n !== count || still.first !== first) return false;
        remove.run(meetingId, last);
        const now = new Date().toISOString();
        for (const chunk of compacted) insert.run(meetingId, asBuffer(chunk), now);
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
        if (compacted.length >= rows.length) return { before, after: before, bytesFreed: 0 };
        if (sqlite.inTransaction) await outsideTransaction(sqlite);
        // IMMEDIATE takes the write lock before reading. A deferred transaction that reads and then
        // writes fails at once with SQLITE_BUSY (busy_timeout cannot help) when another connection,
        // such as a second process on the same file, committed in between.
        if (swap.immediate(meetingId, first.id, last.id, rows.length, compacted)) {
          return {
            before,
            after: compacted.length,
            bytesFreed: byteLength(rows.map((r) => r.data)) - byteLength(compacted),
          };
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
      if (compacted.length >= rows.length) return { before, after: before, bytesFreed: 0 };
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
        // One at a time: the chunks' ids then follow their order, which is the order they must be applied in.
        const now = new Date().toISOString();
        for (const chunk of compacted) {
          await trx
            .insertInto('doc_updates')
            .values({ meeting_id: meetingId, data: asBuffer(chunk), user_id: null, created_at: now })
            .execute();
        }
        return true;
      });
      if (swapped)
        return {
          before,
          after: compacted.length,
          bytesFreed: byteLength(rows.map((r) => r.data)) - byteLength(compacted),
        };
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
