/**
 * What the section editors can render: the Lexical node types they register
 * (`client/src/editor/SectionEditor.tsx`, plus Lexical's built-in ones) and the
 * node properties Lexical's Yjs binding stores as attributes, with their types.
 *
 * Lexical refuses to draw a Yjs node whose `__type` it does not know (or is not
 * a string), and from then on that section stops taking typing. So the server
 * stores only content inside these bounds (server/collab/updates/updateContent.ts), and
 * the client shows anything else that slipped in earlier as plain text.
 */

/** Element node types: a `Y.XmlText` inside a section carries one of these as its `__type`. */
export const ELEMENT_NODE_TYPES = ['paragraph', 'list', 'listitem'] as const;
/** Leaf node types: a `Y.Map` inside a section carries one of these as its `__type`. */
export const LEAF_NODE_TYPES = ['text', 'linebreak', 'tab'] as const;
/** Every node type the section editors register (Lexical also registers 'root' and 'artificial', never stored). */
export const EDITOR_NODE_TYPES: readonly string[] = ['root', ...ELEMENT_NODE_TYPES, ...LEAF_NODE_TYPES];

type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'undefined';

/** The node properties the binding stores, and the JavaScript types their values may have. */
export const NODE_PROPERTY_TYPES: Readonly<Record<string, readonly ValueType[]>> = {
  __type: ['string'],
  __format: ['number'],
  __style: ['string'],
  __indent: ['number'],
  __dir: ['string', 'null'],
  __textFormat: ['number'],
  __textStyle: ['string'],
  __mode: ['number'],
  __detail: ['number'],
  __tag: ['string'],
  __start: ['number'],
  __listType: ['string'],
  __value: ['number'],
  __checked: ['boolean', 'null', 'undefined'],
};

/** The JavaScript type of an attribute value, as named in `NODE_PROPERTY_TYPES` (null for anything else). */
export function valueType(value: unknown): ValueType | null {
  if (value === null) return 'null';
  const type = typeof value;
  if (type === 'number') return Number.isFinite(value) ? 'number' : null;
  if (type === 'string' || type === 'boolean' || type === 'undefined') return type;
  return null;
}
