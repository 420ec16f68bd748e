/**
 * What the editors are shown of a section that holds something they cannot draw.
 *
 * Lexical's Yjs binding builds a node from each `Y.XmlText` (element), `Y.Map`
 * (text, line break) or `Y.XmlElement` (decorator) in a section by looking its
 * `__type` up among the registered nodes, and copies every other attribute onto
 * the node. A `__type` it does not know, one that is not a string, or none at
 * all makes it throw while syncing (or skip the node, so that its offsets no
 * longer match the document's), and from then on that section takes no typing.
 * The server refuses such content now (server/collab/updates/updateContent.ts), but it
 * can still reach a browser: rows stored before that check, or this device's
 * own offline copy.
 *
 * So every node in a section is read through a view (the binding reads a node
 * only through `getAttribute`/`getAttributes` or `get`/`keys`, which are
 * replaced on that instance, so the pinned @lexical/yjs 0.52.0 sees only this):
 *
 * - an element whose `__type` is not an element type the editors register is a
 *   paragraph (a list item inside a list); a leaf whose `__type` is not a leaf
 *   type is a text node, so the words that follow it are its text; a decorator
 *   shape (which the editors never write) is an `UndrawableNode` showing its text;
 * - a node keeps the type it was first drawn as: Lexical cannot change a node's
 *   class in place, so a later `__type` written over a drawn node is not shown;
 * - properties the editors do not write are hidden, and one of the wrong type or
 *   value reads as the value a new node has (see shared/editorSchema.ts).
 *
 * Why a view and not a repair written into the document: a repair is an edit,
 * stored as this person's and sent to the partner. Rewriting `__type` would
 * converge (both browsers write the same value) and the server would take it,
 * but it could not be made in a finished meeting (the server keeps such an
 * edit aside and closes the connection), could not fix a decorator shape (the
 * server refuses any property on one), and would be a write made merely by
 * opening a meeting. The view writes nothing: the partner's content stays as it
 * was stored, both partners see the same plain text (as exports already read
 * unknown nodes as paragraphs, shared/docContent.ts), and typing into a
 * degraded node writes ordinary text, which the server accepts.
 *
 * Nodes are put behind the view before any observer sees them: on the doc's
 * `beforeObserverCalls`, for the types each transaction changed and every node
 * new under them, so the binding never reads a node without it.
 */
import * as Y from 'yjs';
import { ELEMENT_NODE_TYPES, LEAF_NODE_TYPES, NODE_PROPERTY_TYPES, valueType } from '../../../shared/editorSchema.js';

/** The type of `UndrawableNode` (UndrawableNode.tsx), which shows the text of a node the editors cannot draw. */
export const UNDRAWABLE_TYPE = 'tandem-undrawable';
/** The property `UndrawableNode` reads its text from (never stored: only shown). */
export const UNDRAWABLE_TEXT = '__undrawableText';

const ELEMENT_TYPES: ReadonlySet<string> = new Set(ELEMENT_NODE_TYPES);
const LEAF_TYPES: ReadonlySet<string> = new Set(LEAF_NODE_TYPES);

/** Values a property may take beyond its JavaScript type, where Lexical builds DOM from it. */
const ALLOWED_VALUES: Readonly<Record<string, ReadonlySet<unknown>>> = {
  __tag: new Set(['ul', 'ol']),
  __listType: new Set(['bullet', 'number', 'check']),
  __dir: new Set(['ltr', 'rtl', null]),
};

/** What a node the editor creates has, shown instead of a value of the wrong type. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  __format: 0,
  __style: '',
  __indent: 0,
  __dir: null,
  __textFormat: 0,
  __textStyle: '',
  __mode: 0,
  __detail: 0,
  __tag: 'ul',
  __start: 1,
  __listType: 'bullet',
  __value: 1,
  __checked: undefined,
};

type Node = Y.XmlText | Y.Map<unknown> | Y.XmlElement;
/** Any shared type, as far as this view looks at one: its list content and its parent. */
interface Shared {
  _start: Y.Item | null;
  readonly parent: object | null;
}

const rawGetAttribute = Y.XmlText.prototype.getAttribute;
const rawGetAttributes = Y.XmlText.prototype.getAttributes;
const rawElementGetAttribute = Y.XmlElement.prototype.getAttribute;
const rawElementGetAttributes = Y.XmlElement.prototype.getAttributes;
const rawMapGet = Y.Map.prototype.get;
const rawMapKeys = Y.Map.prototype.keys;

/** A node's stored `__type`, read past the view. */
function rawTypeOf(node: Node): unknown {
  if (node instanceof Y.Map) return rawMapGet.call(node, '__type');
  if (node instanceof Y.XmlElement) return rawElementGetAttribute.call(node, '__type');
  return rawGetAttribute.call(node, '__type');
}

function isPropertyName(name: string): boolean {
  return Object.hasOwn(NODE_PROPERTY_TYPES, name);
}

/** A stored property value as it is shown: itself when the editors could have written it, else the default. */
function shownProperty(name: string, value: unknown): unknown {
  const allowed = NODE_PROPERTY_TYPES[name] ?? [];
  const type = valueType(value);
  const fits = type !== null && allowed.includes(type) && (ALLOWED_VALUES[name]?.has(value) ?? true);
  return fits ? value : DEFAULTS[name];
}

/** The text of a node the editors cannot draw, as plain text (its strings, in order, depth first). */
export function plainTextOf(type: Shared): string {
  let text = '';
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString) text += content.str;
    else if (content instanceof Y.ContentType) text += plainTextOf(content.type);
  }
  return text;
}

/**
 * Shows Lexical's binding a drawable view of every node in `sections` of `doc`,
 * now and from now on. Returns a function that stops watching (nodes already
 * behind the view keep it).
 */
export function keepSectionsDrawable(doc: Y.Doc, sections: readonly string[]): () => void {
  const roots = new Set<object>(sections.map((name) => doc.get(name, Y.XmlText)));
  const viewed = new WeakSet<object>();
  /** The type each node was first shown as. */
  const pinned = new WeakMap<object, string>();

  const typeOf = (node: Node, raw: unknown): unknown => {
    // Lexical skips a deleted node (it reads no type): leave that as it is.
    if (node._item?.deleted) return raw;
    const known = pinned.get(node);
    if (known !== undefined) return known;
    let shown: string;
    if (node instanceof Y.XmlElement) shown = UNDRAWABLE_TYPE;
    else if (node instanceof Y.Map) shown = typeof raw === 'string' && LEAF_TYPES.has(raw) ? raw : 'text';
    else if (typeof raw === 'string' && ELEMENT_TYPES.has(raw)) shown = raw;
    else {
      const parent = node.parent;
      const parentType = parent instanceof Y.XmlText && !roots.has(parent) ? parent.getAttribute('__type') : null;
      shown = parentType === 'list' ? 'listitem' : 'paragraph';
    }
    pinned.set(node, shown);
    return shown;
  };

  const attribute = (node: Node, name: string, raw: unknown): unknown => {
    if (name === '__type') return typeOf(node, raw);
    if (node instanceof Y.XmlElement)
      return name === UNDRAWABLE_TEXT ? plainTextOf(node as unknown as Shared) : undefined;
    return isPropertyName(name) ? shownProperty(name, raw) : undefined;
  };

  const attributes = (node: Node, raw: Record<string, unknown>): Record<string, unknown> => {
    const shown: Record<string, unknown> = {};
    const names = node instanceof Y.XmlElement ? ['__type', UNDRAWABLE_TEXT] : Object.keys(raw);
    for (const name of names) {
      if (name === '__type' || isPropertyName(name) || node instanceof Y.XmlElement) {
        shown[name] = attribute(node, name, raw[name]);
      }
    }
    return shown;
  };

  const view = (node: Node): void => {
    if (viewed.has(node)) return;
    viewed.add(node);
    // Pinned now, before anything reads it: this is the type the node is drawn as (Lexical reads it in the
    // observers that follow, or wrote it itself).
    typeOf(node, rawTypeOf(node));
    if (node instanceof Y.Map) {
      const map = node as Y.Map<unknown> & { get(key: string): unknown; keys(): IterableIterator<string> };
      map.get = (key: string) => attribute(node, key, rawMapGet.call(node, key));
      map.keys = () =>
        [...rawMapKeys.call(node)].filter((key) => key === '__type' || isPropertyName(key)).values() as never;
      return;
    }
    const [getOne, getAll] =
      node instanceof Y.XmlElement
        ? [rawElementGetAttribute, rawElementGetAttributes]
        : [rawGetAttribute, rawGetAttributes];
    const element = node as Y.XmlText & {
      getAttribute(name: string): unknown;
      getAttributes(): Record<string, unknown>;
    };
    element.getAttribute = (name: string) => attribute(node, name, getOne.call(node as never, name));
    element.getAttributes = () => attributes(node, getAll.call(node as never) as Record<string, unknown>);
  };

  /** The root's own `__type` (the editors never write one) reads as the root's. */
  const viewRoot = (root: Y.XmlText): void => {
    if (viewed.has(root)) return;
    viewed.add(root);
    const element = root as Y.XmlText & {
      getAttribute(name: string): unknown;
      getAttributes(): Record<string, unknown>;
    };
    element.getAttribute = (name: string) => {
      const raw = rawGetAttribute.call(root, name);
      if (name === '__type') return 'root';
      return isPropertyName(name) ? shownProperty(name, raw) : undefined;
    };
    element.getAttributes = () => {
      const raw = rawGetAttributes.call(root) as Record<string, unknown>;
      const shown: Record<string, unknown> = {};
      for (const name of Object.keys(raw)) if (isPropertyName(name)) shown[name] = element.getAttribute(name);
      return shown;
    };
  };

  /** Puts `node` and every node under it that is not behind the view yet behind it. */
  const viewTree = (node: Shared): void => {
    const pending: Shared[] = [node];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (roots.has(next)) viewRoot(next as Y.XmlText);
      else if (next instanceof Y.XmlText || next instanceof Y.Map || next instanceof Y.XmlElement) view(next);
      // Only list content holds nodes (a node's attributes are its properties).
      for (let item = next._start; item !== null; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
        const child = item.content.type as unknown as Shared;
        if (!viewed.has(child)) pending.push(child);
      }
    }
  };

  const inSection = (type: Shared): boolean => {
    let current: Shared | null = type;
    while (current !== null && !roots.has(current)) current = current.parent as Shared | null;
    return current !== null;
  };

  const onBeforeObservers = (transaction: Y.Transaction): void => {
    for (const changed of transaction.changed.keys()) {
      const type = changed as unknown as Shared;
      if (inSection(type)) viewTree(type);
    }
  };

  for (const root of roots) viewTree(root as Shared);
  doc.on('beforeObserverCalls', onBeforeObservers);
  return () => doc.off('beforeObserverCalls', onBeforeObservers);
}
