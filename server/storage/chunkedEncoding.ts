/**
 * A meeting's document encoded as a few bounded updates instead of one.
 *
 * Compaction used to store a meeting as one row, `Y.encodeStateAsUpdate` of the
 * whole document. Applying that row is one synchronous `Y.applyUpdate` of up to
 * `LIMITS.maxDocumentItems` structs: the one piece of a room load or a cached read
 * that the row-at-a-time slices (slices.ts) could not cut. Here the document is
 * written as chunks of at most `LIMITS.maxCompactedRowItems` structs each, so a
 * compacted meeting loads, like any other log, a bounded row at a time.
 *
 * The chunks must apply in order without waiting on each other: every struct's
 * origin, right origin and parent must be in an earlier chunk or in the same one.
 * They are cut where the log was: the structs first seen while applying rows
 * r..s go together. An item only ever builds on items inserted before it, and a
 * struct Yjs merged from neighbours starts at its oldest part, so each chunk
 * builds only on itself and on those before it. The deletions go with the last
 * chunk. Struct writing is Yjs's own (`Item.write`, `UpdateEncoderV1`), the same
 * calls `Y.encodeStateAsUpdate` makes.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC;

/** Where each client's clock stood after each row: `[clock after, row]`, only when it moved. */
export class RowClocks {
  private readonly byClient = new Map<number, [number, number][]>();
  private rows = 0;

  /** Called after each row is applied to `doc`. */
  record(doc: Y.Doc): void {
    const row = this.rows++;
    for (const [client, structs] of doc.store.clients) {
      const last = structs.at(-1);
      if (!last) continue;
      const end = last.id.clock + last.length;
      const seen = this.byClient.get(client);
      if (!seen) this.byClient.set(client, [[end, row]]);
      else if ((seen.at(-1) as [number, number])[0] !== end) seen.push([end, row]);
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /** The row in which each of `structs` (one client's, in clock order) was first seen. */
  rowsOf(client: number, structs: readonly Struct[]): number[] {
    const seen = this.byClient.get(client) ?? [];
    const rows: number[] = [];
    let i = 0;
    for (const struct of structs) {
      while (i < seen.length - 1 && (seen[i] as [number, number])[0] <= struct.id.clock) i++;
      rows.push(seen[i]?.[1] ?? this.rows - 1);
    }
    return rows;
  }
}

function writeDeleteSet(encoder: Y.UpdateEncoderV1, doc: Y.Doc): void {
  const ds = Y.createDeleteSetFromStructStore(doc.store);
  const clients = [...ds.clients.entries()].sort((a, b) => b[0] - a[0]);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, items] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, items.length);
    for (const item of items) {
      encoder.writeDsClock(item.clock);
      encoder.writeDsLen(item.len);
    }
  }
}

/**
 * `doc` (built by applying a log's rows in order, `clocks` recorded after each) as updates of at most
 * `maxStructs` structs each (a row that alone brought more stays whole), to be applied in order.
 */
export function encodeInChunks(doc: Y.Doc, clocks: RowClocks, maxStructs: number): Uint8Array[] {
  // Structs per row, then rows grouped greedily into chunks.
  const perClient = [...doc.store.clients.entries()].sort((a, b) => b[0] - a[0]);
  const rowsOf = new Map<number, number[]>();
  const structsInRow = new Array<number>(clocks.rowCount).fill(0);
  for (const [client, structs] of perClient) {
    const rows = clocks.rowsOf(client, structs);
    rowsOf.set(client, rows);
    for (const row of rows) structsInRow[row] = (structsInRow[row] ?? 0) + 1;
  }
  const chunkOfRow: number[] = [];
  let chunk = 0;
  let inChunk = 0;
  for (const n of structsInRow) {
    if (inChunk > 0 && inChunk + n > maxStructs) {
      chunk++;
      inChunk = 0;
    }
    chunkOfRow.push(chunk);
    inChunk += n;
  }
  const chunks = chunk + 1;

  // Each client's structs as one contiguous run per chunk (chunks follow rows, rows follow clocks).
  const runs: { client: number; from: number; to: number }[][] = Array.from({ length: chunks }, () => []);
  for (const [client, structs] of perClient) {
    const rows = rowsOf.get(client) as number[];
    let from = 0;
    for (let i = 1; i <= structs.length; i++) {
      const current = chunkOfRow[rows[from] as number] as number;
      if (i === structs.length || chunkOfRow[rows[i] as number] !== current) {
        runs[current]?.push({ client, from, to: i });
        from = i;
      }
    }
  }
  const encoded = runs.map((chunkRuns, index) => {
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, chunkRuns.length);
    for (const { client, from, to } of chunkRuns) {
      const structs = doc.store.clients.get(client) as Struct[];
      encoding.writeVarUint(encoder.restEncoder, to - from);
      encoder.writeClient(client);
      encoding.writeVarUint(encoder.restEncoder, (structs[from] as Struct).id.clock);
      for (let i = from; i < to; i++) (structs[i] as Struct).write(encoder, 0);
    }
    if (index === chunks - 1) writeDeleteSet(encoder, doc);
    else encoding.writeVarUint(encoder.restEncoder, 0);
    return encoder.toUint8Array();
  });
  // What is still waiting for a dependency stays in the log, after everything it may wait for.
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs) encoded.push(Y.convertUpdateFormatV2ToV1(pendingStructs.update));
  if (pendingDs) encoded.push(Y.convertUpdateFormatV2ToV1(pendingDs));
  return encoded;
}
