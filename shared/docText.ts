/**
 * Plain text of a section in a meeting's Y.Doc, read from the structure that
 * Lexical's Yjs binding writes: each section is a top-level `XmlText`; block
 * elements are embedded `XmlText`s; text runs are strings, each preceded by a
 * `Y.Map` of the text node's properties; a line break is a `Y.Map` alone.
 */
import * as Y from 'yjs';
import type { SectionId } from './sections.js';

type DeltaOp = { insert?: unknown };

/** The section's blocks as lines of plain text (empty blocks kept as ''). */
export function sectionLines(doc: Y.Doc, sectionId: SectionId): string[] {
  const lines: string[] = [];
  collectBlocks(doc.get(sectionId, Y.XmlText), lines);
  return lines;
}

/** The section as plain text, blocks separated by newlines. */
export function sectionText(doc: Y.Doc, sectionId: SectionId): string {
  return sectionLines(doc, sectionId).join('\n');
}

/** The first non-empty line of a section, or null when it is empty. */
export function sectionFirstLine(doc: Y.Doc, sectionId: SectionId, maxLength = 200): string | null {
  const line = sectionLines(doc, sectionId).find((l) => l.trim() !== '');
  if (line === undefined) return null;
  const trimmed = line.trim();
  return trimmed.length > maxLength ? `${trimmed.slice(0, maxLength - 1)}…` : trimmed;
}

function collectBlocks(element: Y.XmlText, lines: string[]): void {
  let inline = '';
  let hasInline = false;
  for (const op of element.toDelta() as DeltaOp[]) {
    const value = op.insert;
    if (typeof value === 'string') {
      inline += value;
      hasInline = true;
    } else if (value instanceof Y.XmlText) {
      if (hasInline) {
        lines.push(inline);
        inline = '';
        hasInline = false;
      }
      const before = lines.length;
      collectBlocks(value, lines);
      if (lines.length === before) lines.push('');
    } else if (value instanceof Y.Map && value.get('__type') === 'linebreak') {
      inline += '\n';
      hasInline = true;
    }
  }
  if (hasInline) lines.push(inline);
}
