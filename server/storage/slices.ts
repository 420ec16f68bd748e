/**
 * Work on a meeting's whole log, done a row at a time so that no read, load or
 * compaction holds the event loop for the length of the document.
 *
 * A row is one update the server accepted, so applying one is bounded by the
 * limits every update passed (`LIMITS.maxUpdateItems`, `LIMITS.maxUpdateScanSteps`)
 * or by a compacted row (one Y.Doc of at most `LIMITS.maxDocumentItems` structs,
 * which applies fast because it is already in order). Between rows, once a slice
 * has run for `SLICE_MS`, the loop is given back to everyone else.
 */
import * as Y from 'yjs';

/** How long a slice of log work may run before other connections get their turn. */
export const SLICE_MS = 8;

/** Resolves on the next turn of the event loop, after pending I/O. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Applies `updates` to `doc` in order, yielding between them once a slice is used up. An update that
 * cannot be applied is passed to `onError` (or thrown when there is none) and the rest still are.
 */
export async function applyInSlices(
  doc: Y.Doc,
  updates: Iterable<Uint8Array>,
  onError?: (err: unknown) => void,
  afterEach?: () => void,
): Promise<void> {
  let sliceStart = performance.now();
  for (const update of updates) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
    try {
      Y.applyUpdate(doc, update);
    } catch (err) {
      if (!onError) throw err;
      onError(err);
    }
    afterEach?.();
  }
}
