/**
 * A compacted log written as bounded chunks (server/storage/chunkedEncoding.ts) holds the same document
 * as one whole encoding, and each chunk applies in order without waiting on a later one.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { encodeInChunks, RowClocks } from '../../server/storage/chunkedEncoding.js';

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Three writers typing, deleting, formatting and nesting concurrently; the rows a server would store. */
function concurrentLog(rounds: number, seed: number): { rows: Uint8Array[]; truth: Y.Doc } {
  const random = seeded(seed);
  const writers = [11, 22, 33].map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  });
  const truth = new Y.Doc();
  const rows: Uint8Array[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const writer of writers) {
      const before = Y.encodeStateVector(writer);
      const text = writer.get('practicePlan', Y.XmlText);
      writer.transact(() => {
        for (let i = 0; i < 12; i++) {
          const r = random();
          if (r < 0.65 || text.length < 10) {
            text.insert(Math.floor(random() * (text.length + 1)), 'ab'[i % 2] as string, r < 0.1 ? { bold: true } : {});
          } else if (r < 0.7) {
            const element = new Y.XmlElement('listitem');
            element.insert(0, [new Y.XmlText('nested')]);
            text.insertEmbed(Math.floor(random() * text.length), element);
          } else {
            text.delete(Math.floor(random() * (text.length - 3)), 2);
          }
        }
        if (random() < 0.2) writer.getMap('cycle').set(`k${round % 7}`, round);
      });
      const row = Y.encodeStateAsUpdate(writer, before);
      rows.push(row);
      Y.applyUpdate(truth, row);
    }
    // Writers hear each other only now and then: in between, their edits are concurrent.
    if (round % 3 === 2) {
      for (const a of writers) {
        for (const b of writers) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      }
    }
  }
  return { rows, truth };
}

function replay(rows: readonly Uint8Array[]): { doc: Y.Doc; clocks: RowClocks } {
  const doc = new Y.Doc();
  const clocks = new RowClocks();
  for (const row of rows) {
    Y.applyUpdate(doc, row);
    clocks.record(doc);
  }
  return { doc, clocks };
}

const structsIn = (update: Uint8Array) => Y.decodeUpdate(update).structs.length;

describe('a compacted log in bounded chunks', () => {
  it.each([1, 2, 3])('holds the same document, in chunks that each apply at once (seed %i)', (seed) => {
    const { rows, truth } = concurrentLog(100, seed);
    const { doc, clocks } = replay(rows);
    const chunks = encodeInChunks(doc, clocks, 500);
    expect(chunks.length).toBeGreaterThan(3);

    const loaded = new Y.Doc();
    for (const chunk of chunks) {
      expect(structsIn(chunk)).toBeLessThanOrEqual(500);
      Y.applyUpdate(loaded, chunk);
      // Nothing waits for a later chunk.
      expect(loaded.store.pendingStructs).toBeNull();
    }
    expect(loaded.store.pendingDs).toBeNull();
    const whole = new Y.Doc();
    Y.applyUpdate(whole, Y.encodeStateAsUpdate(doc));
    expect(Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(whole))).toBe(true);
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(truth));
    expect(loaded.get('practicePlan', Y.XmlText).toString()).toEqual(truth.get('practicePlan', Y.XmlText).toString());
    expect(loaded.getMap('cycle').toJSON()).toEqual(truth.getMap('cycle').toJSON());
  });

  it('is one chunk when the document is small, and compacts again to the same document', () => {
    const { rows, truth } = concurrentLog(5, 4);
    const first = replay(rows);
    const once = encodeInChunks(first.doc, first.clocks, 2_000);
    expect(once).toHaveLength(1);
    const again = replay(once);
    const twice = encodeInChunks(again.doc, again.clocks, 2_000);
    const loaded = new Y.Doc();
    for (const chunk of twice) Y.applyUpdate(loaded, chunk);
    expect(loaded.get('practicePlan', Y.XmlText).toString()).toEqual(truth.get('practicePlan', Y.XmlText).toString());
  });

  it('keeps a row larger than a chunk whole, and keeps what still waits for a dependency', () => {
    const writer = new Y.Doc();
    writer.clientID = 5;
    const text = writer.get('goal', Y.XmlText);
    writer.transact(() => {
      for (let i = 0; i < 300; i++) text.insert(i % 2 === 0 ? 0 : text.length, 'x');
    });
    const big = Y.encodeStateAsUpdate(writer);
    const base = Y.encodeStateVector(writer);
    text.insert(0, 'a');
    const middle = Y.encodeStateAsUpdate(writer, base);
    const afterMiddle = Y.encodeStateVector(writer);
    text.insert(0, 'b');
    const waiting = Y.encodeStateAsUpdate(writer, afterMiddle);

    // The log lacks `middle`: `waiting` stays pending in the replayed document.
    const { doc, clocks } = replay([big, waiting]);
    expect(doc.store.pendingStructs).not.toBeNull();
    const chunks = encodeInChunks(doc, clocks, 100);
    expect(structsIn(chunks[0] as Uint8Array)).toBeGreaterThan(100);

    const loaded = new Y.Doc();
    for (const chunk of chunks) Y.applyUpdate(loaded, chunk);
    Y.applyUpdate(loaded, middle);
    expect(loaded.get('goal', Y.XmlText).toString()).toBe(text.toString());
  });
});
