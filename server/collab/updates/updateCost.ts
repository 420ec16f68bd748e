/**
 * What applying an update would cost the server's copy, estimated before it is
 * stored. Yjs places an item between its `origin` and `rightOrigin`; when other
 * items sit between the two (inserted concurrently at the same place), it scans
 * them to decide the order. For an honest client that gap is what the partner
 * typed meanwhile. A hostile one can name a `rightOrigin` far from its `origin`
 * on purpose, or insert thousands of items at one place, so that every item
 * scans the whole document: 5 × 2,000 such items took 20 s to apply here, far
 * within the byte and part limits. So:
 *
 * - at most `LIMITS.maxItemsPerPosition` items of one update may share an
 *   origin (the same place in the same parent), and
 * - for the items whose `origin` is already in the document, the gap up to the
 *   item their `rightOrigin` leads to is walked in the server's copy (a linked
 *   list walk, cheap) and summed; over `LIMITS.maxUpdateScanSteps` the update
 *   is refused.
 *
 * The walk is an upper bound of Yjs' scan (which stops early when it can).
 */
import * as Y from 'yjs';
import { LIMITS } from '../../../shared/limits.js';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** The doc's struct holding `id`, or null when the document does not have it (yet). */
function docStruct(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const structs = doc.store.clients.get(id.client);
  const last = structs?.at(-1);
  if (!structs || !last || last.id.clock + last.length <= id.clock) return null;
  const found = Y.getItem(doc.store, id);
  return found instanceof Y.Item ? found : null;
}

/**
 * Why the update would cost too much to apply, or null when it is within the bounds. `pending` are
 * updates stored but not applied to `doc` yet: the update may build on them (a fast typist's next
 * keystroke), and Yjs will have applied them first.
 */
export function excessiveCost(
  doc: Y.Doc,
  structs: readonly Struct[],
  pending: Iterable<{ structs: readonly Struct[] }> = [],
): string | null {
  // The items of the update and of the pending ones by client, to follow a rightOrigin that points into them.
  const own = new Map<number, Y.Item[]>();
  const index = (struct: Struct) => {
    if (!(struct instanceof Y.Item)) return;
    const list = own.get(struct.id.client) ?? [];
    list.push(struct);
    own.set(struct.id.client, list);
  };
  for (const update of pending) for (const struct of update.structs) index(struct);
  const places = new Map<string, number>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    index(struct);
    const origin = struct.origin;
    const parent =
      struct.parent instanceof Y.ID ? `${struct.parent.client}:${struct.parent.clock}` : String(struct.parent);
    const place = origin ? `${origin.client}:${origin.clock}` : `start:${parent}:${struct.parentSub ?? ''}`;
    const count = (places.get(place) ?? 0) + 1;
    if (count > LIMITS.maxItemsPerPosition) return `more than ${LIMITS.maxItemsPerPosition} items at one place`;
    places.set(place, count);
  }
  // Sorted once, so that a lookup is a binary search.
  for (const list of own.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const ownItem = (id: Y.ID): Y.Item | null => {
    const list = own.get(id.client);
    if (!list) return null;
    // Each client's structs are kept in clock order: a binary search.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = list[mid] as Y.Item;
      if (id.clock < item.id.clock) hi = mid - 1;
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
      else return item;
    }
    return null;
  };
  /**
   * The first item of the document a rightOrigin leads to (through the update's own items; undefined for
   * the end, null when unknown), and the parent named on the way (an item with a right origin names none).
   */
  const rightBound = (item: Y.Item): { right: Y.Item | null | undefined; parent: Y.Item['parent'] } => {
    let id = item.rightOrigin;
    let parent = item.parent;
    for (let hops = 0; id && hops <= LIMITS.maxItemsPerPosition; hops++) {
      const inDoc = docStruct(doc, id);
      if (inDoc) return { right: inDoc, parent: parent ?? inDoc.parent };
      const next = ownItem(id);
      // Neither in the document nor in the updates before it: it waits for that dependency and costs nothing yet.
      if (!next) return { right: null, parent };
      parent ??= next.parent ?? null;
      id = next.rightOrigin ?? null;
    }
    return { right: id ? null : undefined, parent };
  };

  let steps = 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.parentSub !== null) continue;
    let start: Y.Item | null;
    const { right, parent } = rightBound(struct);
    if (right === null) continue; // an unknown right: waits for its dependency, costs nothing yet
    if (struct.origin) {
      const left = docStruct(doc, struct.origin);
      if (!left) continue; // placed after one of its own items: bounded by the count above
      if (left === right) continue; // between two letters of one run: nothing lies between them
      start = left.right;
    } else {
      const parentType =
        typeof parent === 'string'
          ? (doc.share.get(parent) ?? null)
          : parent instanceof Y.ID
            ? ((docStruct(doc, parent)?.content as { type?: Y.AbstractType<unknown> } | undefined)?.type ?? null)
            : ((parent as Y.AbstractType<unknown> | null) ?? null);
      start = parentType?._start ?? null;
    }
    for (let o = start; o && o !== right; o = o.right) {
      if (++steps > LIMITS.maxUpdateScanSteps) return `more than ${LIMITS.maxUpdateScanSteps} items to scan`;
    }
  }
  return null;
}
