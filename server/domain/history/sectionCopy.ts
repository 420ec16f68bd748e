/**
 * Copies a section's structure from one meeting document into another, as
 * Lexical's Yjs binding wrote it: the section is a top-level `Y.XmlText`;
 * blocks are embedded `Y.XmlText`s carrying attributes (`__type`, `__tag`…);
 * text runs are strings, each after a `Y.Map` of the text node's properties
 * (format, style); a line break is a `Y.Map` alone. Attributes are copied as
 * they are, so the copy renders exactly as the original did.
 */
import * as Y from 'yjs';
import type { SectionId } from '../../../shared/sections.js';

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/** Replaces the section's content in `target` by a copy of its content in `source`, in one transaction. */
export function replaceSection(target: Y.Doc, source: Y.Doc, section: SectionId): void {
  target.transact(() => {
    const into = target.get(section, Y.XmlText);
    if (into.length > 0) into.delete(0, into.length);
    copyContent(source.get(section, Y.XmlText), into);
  });
}

/** Copies `from`'s content into the (integrated, empty) `into`. */
function copyContent(from: Y.XmlText, into: Y.XmlText): void {
  let index = 0;
  for (const op of from.toDelta() as DeltaOp[]) {
    const value = op.insert;
    const attributes = op.attributes ?? {};
    if (typeof value === 'string') {
      into.insert(index, value, attributes);
      index += value.length;
    } else if (value instanceof Y.XmlText) {
      const block = new Y.XmlText();
      into.insertEmbed(index, block, attributes);
      for (const [key, attribute] of Object.entries(value.getAttributes())) block.setAttribute(key, attribute);
      copyContent(value, block);
      index += 1;
    } else if (value instanceof Y.Map) {
      const map = new Y.Map<unknown>();
      into.insertEmbed(index, map, attributes);
      for (const [key, entry] of value.entries()) map.set(key, copyValue(entry));
      index += 1;
    } else if (value !== undefined) {
      // Plain embedded objects (none written by Lexical today) are copied as they are.
      into.insertEmbed(index, value as object, attributes);
      index += 1;
    }
  }
}

/** Map values are primitives in Lexical's binding; a nested map is copied deeply in case that changes. */
function copyValue(value: unknown): unknown {
  if (!(value instanceof Y.Map)) return value;
  const copy = new Y.Map<unknown>();
  for (const [key, entry] of (value as Y.Map<unknown>).entries()) copy.set(key, copyValue(entry));
  return copy;
}
