/**
 * Checks that an update leaves every section renderable by the editors.
 *
 * Yjs accepts any shape, but Lexical draws a section only from the nodes the
 * editor registers: a `Y.XmlText` or `Y.Map` whose `__type` is unknown, not a
 * string, or missing makes Lexical throw while syncing, and from then on that
 * section stops taking typing in the partner's browser, for good. So inside a
 * section (a top-level `XmlText` named in `SECTIONS`) the server stores only:
 *
 * - in a section or element: text, formats, and new `Y.XmlText` (element) or
 *   `Y.Map` (leaf) nodes that get a `__type` in the same update;
 * - as node attributes: the properties in `NODE_PROPERTY_TYPES`, with values of
 *   their types; `__type` one of `ELEMENT_NODE_TYPES` / `LEAF_NODE_TYPES`
 *   (never on the section itself);
 * - deletions that do not strip a live node of its `__type`.
 *
 * Anything else (other top-level types) is not drawn by the editors and is let through.
 * The check needs what the update builds on, so the room runs it when it stores
 * (every dependency is then held: in the room's doc or in an update being stored).
 */
import * as Y from 'yjs';
import { ELEMENT_NODE_TYPES, LEAF_NODE_TYPES, NODE_PROPERTY_TYPES, valueType } from '../../../shared/editorSchema.js';
import { SECTIONS } from '../../../shared/sections.js';
import type { Decoded } from './updateDependencies.js';

export class UnrenderableContent extends Error {}

const SECTION_IDS: ReadonlySet<string> = new Set(SECTIONS.map((section) => section.id));
const ELEMENT_TYPES: ReadonlySet<string> = new Set(ELEMENT_NODE_TYPES);
const LEAF_TYPES: ReadonlySet<string> = new Set(LEAF_NODE_TYPES);
/** Deeper nesting than this is refused rather than followed (Lexical's lists nest a few levels). */
const MAX_DEPTH = 256;

type Kind = 'section' | 'element' | 'leaf' | 'other';
/** Where an item lives: its top-level type, the kind of its parent, its key when it is an attribute, and its parent node. */
interface Place {
  root: string | null;
  kind: Kind;
  key: string | null;
  /** The item of the parent type (null for a top-level type). */
  parentItem: Y.Item | null;
}

function kindOf(type: Y.AbstractType<unknown>, isTop: boolean): Kind {
  // A top-level type the server never asked for by class is a bare AbstractType: what it is depends on its name.
  if (isTop) return 'section';
  if (type instanceof Y.XmlText) return 'element';
  if (type instanceof Y.Map) return 'leaf';
  return 'other';
}

/**
 * Throws `UnrenderableContent` when `update` would put into a section
 * something the editors cannot draw. `doc` is the room's copy; `pending` are
 * updates accepted but not yet applied to it.
 */
export function checkRenderable(update: Decoded, doc: Y.Doc, pending: Iterable<Decoded> = []): void {
  const own = indexStructs([update]);
  const others = indexStructs(pending);
  const places = new Map<Y.Item, Place | null>();

  const lookup = (id: Y.ID): Y.AbstractStruct | null => {
    const found = findIn(own, id) ?? findIn(others, id);
    if (found) return found;
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    return Y.getItem(doc.store, id);
  };

  /** Where a node's own item lives; `nesting` counts the nodes above it, never the neighbours beside it. */
  const placeOfParent = (
    item: Y.Item,
    parent: Y.AbstractType<unknown> | Y.ID | string,
    nesting: number,
  ): Place | null => {
    if (typeof parent === 'string') return { root: parent, kind: 'section', key: item.parentSub, parentItem: null };
    if (parent instanceof Y.ID) {
      const typeItem = lookup(parent);
      if (!(typeItem instanceof Y.Item && typeItem.content instanceof Y.ContentType)) return null;
      const above = placeOf(typeItem, nesting + 1);
      return (
        above && {
          root: above.root,
          kind: kindOf(typeItem.content.type, false),
          key: item.parentSub,
          parentItem: typeItem,
        }
      );
    }
    const typeItem = parent._item;
    if (typeItem === null) {
      return { root: Y.findRootTypeKey(parent), kind: kindOf(parent, true), key: item.parentSub, parentItem: null };
    }
    const above = placeOf(typeItem, nesting + 1);
    return above && { root: above.root, kind: kindOf(parent, false), key: item.parentSub, parentItem: typeItem };
  };

  const placeOf = (start: Y.Item, nesting = 0): Place | null => {
    if (nesting > MAX_DEPTH) throw new UnrenderableContent('nodes nested too deeply');
    // An item written beside a neighbour lives where that neighbour lives. Such chains are as long as a
    // section is (an update typed at many places holds thousands), so they are walked in a loop, and every
    // item on the way remembers the answer: each item is looked at once per check.
    const chain: Y.Item[] = [];
    const onChain = new Set<Y.Item>();
    let item: Y.Item = start;
    let place: Place | null = null;
    for (;;) {
      const known = places.get(item);
      if (known !== undefined) {
        place = known;
        break;
      }
      // A chain that comes back on itself leads nowhere Yjs would put it.
      if (onChain.has(item)) break;
      chain.push(item);
      onChain.add(item);
      const parent = item.parent as Y.AbstractType<unknown> | Y.ID | string | null;
      if (parent !== null) {
        place = placeOfParent(item, parent, nesting);
        break;
      }
      const ref = item.origin ?? item.rightOrigin;
      const neighbour = ref ? lookup(ref) : null;
      if (!(neighbour instanceof Y.Item)) break;
      item = neighbour;
    }
    for (const walked of chain) places.set(walked, place);
    return place;
  };

  // New nodes must be given a `__type` in the same update.
  const typed = new Set<string>();
  for (const struct of update.structs) {
    if (struct instanceof Y.Item && struct.parentSub === '__type' && struct.parent instanceof Y.ID) {
      typed.add(`${struct.parent.client}:${struct.parent.clock}`);
    }
  }

  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const place = placeOf(struct);
    // Nowhere Yjs would put it (its neighbour was collected), or outside the sections: nothing to draw.
    if (place === null || place.root === null || !SECTION_IDS.has(place.root)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    if (place.key !== null) {
      checkAttribute(place, content);
      continue;
    }
    if (place.kind !== 'section' && place.kind !== 'element')
      throw new UnrenderableContent('content outside a text node');
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat) continue;
    if (content instanceof Y.ContentType && (content.type instanceof Y.XmlText || content.type instanceof Y.Map)) {
      if (!typed.has(`${struct.id.client}:${struct.id.clock}`)) throw new UnrenderableContent('a node without a type');
      continue;
    }
    throw new UnrenderableContent(`content the editor cannot draw (${content.constructor.name})`);
  }

  checkDeletions(update, doc, own, placeOf);
}

function checkAttribute(place: Place, content: Y.Item['content']): void {
  const key = place.key as string;
  const allowed = NODE_PROPERTY_TYPES[key];
  if (!Object.hasOwn(NODE_PROPERTY_TYPES, key) || allowed === undefined) {
    throw new UnrenderableContent(`an unknown node property ${JSON.stringify(key.slice(0, 40))}`);
  }
  if (place.kind !== 'section' && place.kind !== 'element' && place.kind !== 'leaf') {
    throw new UnrenderableContent('a property on something that is not a node');
  }
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
    throw new UnrenderableContent(`node property ${key} is not a plain value`);
  }
  const value: unknown = content.arr[0];
  const type = valueType(value);
  if (type === null || !allowed.includes(type))
    throw new UnrenderableContent(`node property ${key} has the wrong type`);
  if (key !== '__type') return;
  const known = place.kind === 'element' ? ELEMENT_TYPES : place.kind === 'leaf' ? LEAF_TYPES : null;
  if (known === null || !known.has(value as string)) {
    throw new UnrenderableContent(
      `a node type the editor does not know: ${JSON.stringify(String(value).slice(0, 40))}`,
    );
  }
}

/** A deletion may remove a node, never only its `__type`. */
function checkDeletions(
  update: Decoded,
  doc: Y.Doc,
  own: Map<number, Y.AbstractStruct[]>,
  placeOf: (item: Y.Item) => Place | null,
): void {
  const deletedHere = (id: Y.ID): boolean => {
    const ranges = update.ds.clients.get(id.client) ?? [];
    return ranges.some(({ clock, len }) => id.clock >= clock && id.clock < clock + len);
  };
  const inspect = (item: Y.AbstractStruct) => {
    if (!(item instanceof Y.Item) || item.parentSub !== '__type' || item.deleted) return;
    const place = placeOf(item);
    if (place === null || place.root === null || !SECTION_IDS.has(place.root) || place.parentItem === null) return;
    const node = place.parentItem;
    if (node.deleted || deletedHere(node.id)) return;
    throw new UnrenderableContent('a deletion that strips a node of its type');
  };
  for (const [client, ranges] of update.ds.clients) {
    const stored: Y.AbstractStruct[] = doc.store.clients.get(client) ?? [];
    const mine = own.get(client) ?? [];
    for (const { clock, len } of ranges) {
      for (const structs of [stored, mine]) {
        if (structs.length === 0) continue;
        const last = structs[structs.length - 1] as Y.AbstractStruct;
        if (clock >= last.id.clock + last.length) continue;
        let i = structs === stored ? Y.findIndexSS(structs as Array<Y.Item | Y.GC>, clock) : 0;
        for (; i < structs.length; i++) {
          const struct = structs[i] as Y.AbstractStruct;
          if (struct.id.clock >= clock + len) break;
          if (struct.id.clock + struct.length <= clock) continue;
          inspect(struct);
        }
      }
    }
  }
}

/** Each client's structs, in clock order, so a lookup is a binary search. */
function indexStructs(updates: Iterable<Decoded>): Map<number, Y.AbstractStruct[]> {
  const byClient = new Map<number, Y.AbstractStruct[]>();
  let ordered = true;
  for (const { structs } of updates) {
    for (const struct of structs) {
      let list = byClient.get(struct.id.client);
      if (list === undefined) byClient.set(struct.id.client, (list = []));
      const last = list[list.length - 1];
      if (last !== undefined && last.id.clock > struct.id.clock) ordered = false;
      list.push(struct);
    }
  }
  if (!ordered) for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}

function findIn(index: Map<number, Y.AbstractStruct[]>, id: Y.ID): Y.AbstractStruct | null {
  const list = index.get(id.client);
  if (list === undefined) return null;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const struct = list[middle] as Y.AbstractStruct;
    if (id.clock < struct.id.clock) high = middle - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return null;
}
