/**
 * Writing a batch of appends to the update log, and the byte conversions both
 * databases need: on SQLite one prepared statement in one synchronous
 * transaction, on PostgreSQL one multi-row insert (documentStore.ts batches).
 */
import type SQLite from 'better-sqlite3';
import type { Database } from './db.js';

/** An append waiting for its batch. */
export interface Pending {
  meetingId: string;
  data: Uint8Array;
  userId: string | null;
  claims: readonly number[];
  createdAt: string;
  resolve: (id: number) => void;
  reject: (err: unknown) => void;
}

/** better-sqlite3 and pg return Buffers; both bind Buffers (not bare Uint8Arrays) as blobs. */
export function toBytes(data: Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
}

export function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Our raw SQLite statements share the connection with Kysely. A Kysely
 * transaction spans several ticks, so a raw write made meanwhile would join it
 * (and vanish if it rolled back). Wait until no transaction is open; our own
 * raw transactions are synchronous, so nothing can interleave with them.
 */
export async function outsideTransaction(sqlite: SQLite.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise<void>((r) => setImmediate(r));
}

/**
 * On SQLite the hot path skips the query builder: one prepared statement in one
 * synchronous transaction per batch. On PostgreSQL, one multi-row insert.
 */
export function buildBatchWriter(database: Database): (batch: Pending[]) => Promise<number[]> {
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
