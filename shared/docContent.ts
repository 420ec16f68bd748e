/**
 * A section of a meeting's Y.Doc as a small tree of blocks with their
 * formatting, read from the structure Lexical's Yjs binding writes: each
 * section is a top-level `XmlText`; a block is an embedded `XmlText` whose
 * attributes say what it is (`__type` paragraph, heading with `__tag` h1…h6,
 * quote, list with `__listType` and `__start`, listitem); a text run is a string
 * preceded by a `Y.Map` of the text node's properties (`__format` bit flags);
 * a line break is a `Y.Map` with `__type: 'linebreak'` alone.
 *
 * Pure and forgiving: a node type it does not know becomes a plain paragraph
 * (or, when it holds blocks, those blocks), so a document written by a newer
 * editor still reads; it never throws on content.
 */
import * as Y from 'yjs';
import type { SectionId } from './sections.js';

/** A run of text with the formats a person gave it. */
export interface TextInline {
  kind: 'text';
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  code: boolean;
}

/** A line break inside a block (Shift+Enter). */
export interface BreakInline {
  kind: 'break';
}

export type Inline = TextInline | BreakInline;

export interface ParagraphBlock {
  kind: 'paragraph';
  inlines: Inline[];
}

export interface HeadingBlock {
  kind: 'heading';
  /** 1 to 6, from the `h1`…`h6` tag. */
  level: number;
  inlines: Inline[];
}

export interface QuoteBlock {
  kind: 'quote';
  inlines: Inline[];
}

export interface ListItem {
  inlines: Inline[];
  /** For checklists only: whether the item is ticked. */
  checked?: boolean;
  /** Lists nested under this item (and, rarely, other blocks). */
  children: Block[];
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  /** A checklist (Lexical's `check` list type); rendered as bullets with ticks. */
  checklist: boolean;
  /** The number of the first item of an ordered list. */
  start: number;
  items: ListItem[];
}

export type Block = ParagraphBlock | HeadingBlock | QuoteBlock | ListBlock;

/** Lexical's text format bit flags (`lexical/LexicalConstants`). */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

type DeltaOp = { insert?: unknown };

/** The section's blocks in document order (empty paragraphs kept, as on screen). */
export function sectionBlocks(doc: Y.Doc, sectionId: SectionId): Block[] {
  return readContainer(doc.get(sectionId, Y.XmlText));
}

/** A plain text run: no formats. */
export function plainText(text: string): TextInline {
  return { kind: 'text', text, bold: false, italic: false, underline: false, strikethrough: false, code: false };
}

/** Plain text as inlines, each newline a line break (for names, titles and facts typed into forms). */
export function textInlines(text: string, formats: Partial<Omit<TextInline, 'kind' | 'text'>> = {}): Inline[] {
  const inlines: Inline[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) inlines.push({ kind: 'break' });
      if (line !== '') inlines.push({ ...plainText(line), ...formats });
    });
  return inlines;
}

/** True when the blocks hold no visible text. */
export function blocksAreEmpty(blocks: Block[]): boolean {
  return blocks.every((block) =>
    block.kind === 'list'
      ? block.items.every((item) => inlinesAreEmpty(item.inlines) && blocksAreEmpty(item.children))
      : inlinesAreEmpty(block.inlines),
  );
}

/** True when the inlines hold no visible text. */
export function inlinesAreEmpty(inlines: Inline[]): boolean {
  return inlines.every((inline) => inline.kind === 'break' || inline.text.trim() === '');
}

function typeOf(element: Y.XmlText): string {
  const type: unknown = element.getAttribute('__type');
  return typeof type === 'string' ? type : '';
}

/** Blocks of a container: the section root, or an element of a type we do not know that holds blocks. */
function readContainer(element: Y.XmlText): Block[] {
  const blocks: Block[] = [];
  let loose: Inline[] = [];
  let format = 0;
  const flushLoose = () => {
    if (loose.length > 0) blocks.push({ kind: 'paragraph', inlines: loose });
    loose = [];
  };
  for (const op of element.toDelta() as DeltaOp[]) {
    const value = op.insert;
    if (typeof value === 'string') {
      // Text straight under a container is not what Lexical writes; keep it as a paragraph anyway.
      pushText(loose, value, format);
    } else if (value instanceof Y.XmlText) {
      flushLoose();
      blocks.push(...readBlock(value));
    } else if (value instanceof Y.Map) {
      format = readMapFormat(value, loose, format);
    }
  }
  flushLoose();
  return blocks;
}

/** One block element, as one block (or, for an unknown element holding blocks, several). */
function readBlock(element: Y.XmlText): Block[] {
  const type = typeOf(element);
  if (type === 'list') return [readList(element)];
  if (type === 'listitem') return [readList(element, [element])];
  const inlines: Inline[] = [];
  const nested: Block[] = [];
  collectInlines(element, inlines, nested);
  if (type === 'heading') return [{ kind: 'heading', level: headingLevel(element), inlines }, ...nested];
  if (type === 'quote') return [{ kind: 'quote', inlines }, ...nested];
  if (type !== 'paragraph' && nested.length > 0) {
    // An unknown container (a table, a collapsible…): its own text, then its blocks.
    return inlines.length > 0 ? [{ kind: 'paragraph', inlines }, ...nested] : nested;
  }
  return [{ kind: 'paragraph', inlines }, ...nested];
}

function headingLevel(element: Y.XmlText): number {
  const tag: unknown = element.getAttribute('__tag');
  const match = typeof tag === 'string' ? /^h([1-6])$/.exec(tag) : null;
  return match ? Number(match[1]) : 1;
}

/** A list element; `items` lets a stray list item outside a list read as a list of one. */
function readList(element: Y.XmlText, items?: Y.XmlText[]): ListBlock {
  const listType: unknown = element.getAttribute('__listType');
  const start: unknown = element.getAttribute('__start');
  const list: ListBlock = {
    kind: 'list',
    ordered: listType === 'number',
    checklist: listType === 'check',
    start: typeof start === 'number' && Number.isInteger(start) && start >= 0 ? start : 1,
    items: [],
  };
  const children = items ?? listChildren(element);
  for (const child of children) {
    const inlines: Inline[] = [];
    const nested: Block[] = [];
    collectInlines(child, inlines, nested);
    const checked: unknown = child.getAttribute('__checked');
    const previous = list.items.at(-1);
    // Lexical nests a list in an item of its own right after the item it belongs to.
    if (previous && inlinesAreEmpty(inlines) && nested.length > 0 && nested.every((b) => b.kind === 'list')) {
      previous.children.push(...nested);
      continue;
    }
    list.items.push({ inlines, ...(list.checklist ? { checked: checked === true } : {}), children: nested });
  }
  return list;
}

function listChildren(element: Y.XmlText): Y.XmlText[] {
  const children: Y.XmlText[] = [];
  for (const op of element.toDelta() as DeltaOp[]) {
    if (op.insert instanceof Y.XmlText) children.push(op.insert);
  }
  return children;
}

/**
 * The inline content of a block. An embedded list becomes a nested block; any
 * other embedded element (a link, a mark) gives its text inline.
 */
function collectInlines(element: Y.XmlText, inlines: Inline[], nested: Block[]): void {
  let format = 0;
  for (const op of element.toDelta() as DeltaOp[]) {
    const value = op.insert;
    if (typeof value === 'string') {
      pushText(inlines, value, format);
    } else if (value instanceof Y.XmlText) {
      const type = typeOf(value);
      if (type === 'list' || type === 'listitem') nested.push(...readBlock(value));
      else collectInlines(value, inlines, nested);
    } else if (value instanceof Y.Map) {
      format = readMapFormat(value, inlines, format);
    }
  }
}

/** A properties map: a line break, or the format of the text run that follows it. */
function readMapFormat(map: Y.Map<unknown>, inlines: Inline[], current: number): number {
  if (map.get('__type') === 'linebreak') {
    inlines.push({ kind: 'break' });
    return 0;
  }
  const format = map.get('__format');
  return typeof format === 'number' && Number.isInteger(format) && format >= 0 ? format : current;
}

function pushText(inlines: Inline[], text: string, format: number): void {
  // Lexical never puts a newline inside a text node, but raw Yjs writers may: read it as a break.
  text.split(/\r\n?|\n/).forEach((part, i) => {
    if (i > 0) inlines.push({ kind: 'break' });
    if (part === '') return;
    inlines.push({
      kind: 'text',
      text: part,
      bold: (format & TEXT_FORMAT.bold) !== 0,
      italic: (format & TEXT_FORMAT.italic) !== 0,
      underline: (format & TEXT_FORMAT.underline) !== 0,
      strikethrough: (format & TEXT_FORMAT.strikethrough) !== 0,
      code: (format & TEXT_FORMAT.code) !== 0,
    });
  });
}
