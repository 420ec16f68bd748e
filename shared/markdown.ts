/**
 * Blocks (see `docContent.ts`) as CommonMark with GFM strikethrough: headings,
 * bold, italic, strikethrough, code, quotes, and bulleted, numbered and
 * check lists, nested. Everything a person typed is escaped where it would
 * take effect, so no text can forge a heading, a list, a link or raw HTML:
 * `<` always becomes `&lt;`. Underline has no Markdown form and is dropped.
 */
import type { Block, Inline, ListBlock, TextInline } from './docContent.js';

/** The media type to serve Markdown with. */
export const MARKDOWN_CONTENT_TYPE = 'text/markdown; charset=utf-8';

export interface MarkdownOptions {
  /** Added to the level of every heading a person wrote (so they sit under the export's own). At most 6. */
  headingOffset?: number;
}

/** The blocks as Markdown, separated by blank lines; '' when there is nothing to show. */
export function blocksToMarkdown(blocks: Block[], options: MarkdownOptions = {}): string {
  return renderBlocks(blocks, options.headingOffset ?? 0).join('\n\n');
}

/** A heading of the export's own (a title, a name): one line whatever was typed, every special escaped. */
export function markdownHeading(level: number, inlines: Inline[]): string {
  const text = headingText(inlines);
  return `${'#'.repeat(clampLevel(level))} ${text}`.trimEnd();
}

/** Inline content as one line of Markdown (line breaks become spaces), e.g. for a table cell or a label. */
export function inlinesToMarkdownLine(inlines: Inline[]): string {
  return renderLine(
    inlines.map((i) => (i.kind === 'break' ? space() : i)),
    { heading: false },
  );
}

const clampLevel = (level: number) => Math.min(6, Math.max(1, Math.round(level)));

function space(): TextInline {
  return { kind: 'text', text: ' ', bold: false, italic: false, underline: false, strikethrough: false, code: false };
}

function headingText(inlines: Inline[]): string {
  return renderLine(
    inlines.map((i) => (i.kind === 'break' ? space() : i)),
    { heading: true },
  );
}

function renderBlocks(blocks: Block[], offset: number): string[] {
  const out: string[] = [];
  let previousList = null as { ordered: boolean; alternate: boolean } | null;
  for (const block of blocks) {
    if (block.kind === 'list') {
      if (block.items.length === 0) continue;
      // Two lists in a row would read as one; switching the marker character starts a new list.
      const alternate = previousList !== null && previousList.ordered === block.ordered && !previousList.alternate;
      out.push(renderList(block, offset, alternate).join('\n'));
      previousList = { ordered: block.ordered, alternate };
      continue;
    }
    previousList = null;
    if (block.kind === 'heading') {
      const text = headingText(block.inlines);
      if (text !== '') out.push(`${'#'.repeat(clampLevel(block.level + offset))} ${text}`);
      continue;
    }
    const lines = renderLines(block.inlines);
    if (lines.length === 0) continue;
    const joined = joinBroken(lines);
    out.push(block.kind === 'quote' ? joined.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n') : joined.join('\n'));
  }
  return out;
}

/** Lines of one block joined by hard breaks (a backslash at the end of each line but the last). */
function joinBroken(lines: string[]): string[] {
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line));
}

function renderList(list: ListBlock, offset: number, alternate: boolean): string[] {
  const out: string[] = [];
  list.items.forEach((item, index) => {
    let marker = list.ordered ? `${list.start + index}${alternate ? ')' : '.'}` : alternate ? '*' : '-';
    if (list.checklist) marker += item.checked ? ' [x]' : ' [ ]';
    const indent = ' '.repeat((list.ordered ? marker.length : 1) + 1);
    const lines = joinBroken(renderLines(item.inlines));
    out.push(lines.length > 0 ? `${marker} ${lines[0]}` : marker);
    for (const line of lines.slice(1)) out.push(`${indent}${line}`);
    for (const child of renderBlocks(item.children, offset)) {
      for (const line of child.split('\n')) out.push(line === '' ? '' : `${indent}${line}`);
    }
  });
  return out;
}

/** The block's lines (split at line breaks), without empty lines at either end. */
function renderLines(inlines: Inline[]): string[] {
  const lines: TextInline[][] = [[]];
  for (const inline of inlines) {
    if (inline.kind === 'break') lines.push([]);
    else lines.at(-1)?.push(inline);
  }
  const rendered = lines.map((line) => renderLine(line, { heading: false }));
  while (rendered.length > 0 && rendered[0] === '') rendered.shift();
  while (rendered.length > 0 && rendered.at(-1) === '') rendered.pop();
  return rendered;
}

type CharClass = 'space' | 'punct' | 'other';

function classOf(ch: string | undefined): CharClass {
  if (ch === undefined || /\s/u.test(ch)) return 'space';
  return /[\p{P}\p{S}]/u.test(ch) ? 'punct' : 'other';
}

interface Piece {
  lead: string;
  core: string;
  trail: string;
  run: TextInline;
}

const formatted = (run: TextInline) => run.bold || run.italic || run.strikethrough || run.code;
const sameFormat = (a: TextInline, b: TextInline) =>
  a.bold === b.bold && a.italic === b.italic && a.strikethrough === b.strikethrough && a.code === b.code;

/** One line of inline runs. */
function renderLine(runs: Inline[], context: { heading: boolean }): string {
  const merged: TextInline[] = [];
  for (const run of runs) {
    if (run.kind !== 'text' || run.text === '') continue;
    const last = merged.at(-1);
    if (last && sameFormat(last, run)) merged[merged.length - 1] = { ...last, text: last.text + run.text };
    else merged.push({ ...run });
  }
  const pieces: Piece[] = merged.map((run) => {
    const match = /^(\s*)([\s\S]*?)(\s*)$/u.exec(run.text);
    const [lead, core, trail] = [match?.[1] ?? '', match?.[2] ?? '', match?.[3] ?? ''];
    // Whitespace alone carries no visible format.
    return core === ''
      ? { lead, core, trail, run: { ...run, bold: false, italic: false, strikethrough: false, code: false } }
      : { lead, core, trail, run };
  });
  // Leading spaces would make an indented code block; trailing ones a hard break.
  const first = pieces.findIndex((p) => p.core !== '');
  if (first === -1) return '';
  const last = pieces.length - 1 - [...pieces].reverse().findIndex((p) => p.core !== '');
  const used = pieces.slice(first, last + 1);
  used[0] = { ...(used[0] as Piece), lead: '' };
  used[used.length - 1] = { ...(used.at(-1) as Piece), trail: '' };

  const edge = (piece: Piece | undefined, side: 'start' | 'end', escaped: string | undefined): CharClass => {
    if (!piece) return 'space';
    if ((side === 'end' ? piece.trail : piece.lead) !== '') return 'space';
    if (formatted(piece.run)) return 'punct';
    return classOf(side === 'end' ? escaped?.at(-1) : escaped?.[0]);
  };

  const escapedCores = used.map((piece, i) =>
    piece.run.code ? codeSpan(piece.core) : escapeText(piece.core, { lineStart: i === 0, heading: context.heading }),
  );
  let out = '';
  used.forEach((piece, i) => {
    const before = piece.lead !== '' ? 'space' : edge(used[i - 1], 'end', escapedCores[i - 1]);
    const after = piece.trail !== '' ? 'space' : edge(used[i + 1], 'start', escapedCores[i + 1]);
    out += piece.lead + wrap(piece.run, escapedCores[i] ?? '', before, after) + piece.trail;
  });
  return out;
}

/** Emphasis markers around an escaped core, or HTML tags where CommonMark's flanking rules would not let them work. */
function wrap(run: TextInline, inner: string, before: CharClass, after: CharClass): string {
  const open = `${run.bold ? '**' : ''}${run.italic ? '*' : ''}${run.strikethrough ? '~~' : ''}`;
  if (open === '') return inner;
  const close = [...open].reverse().join('');
  const text = open + inner + close;
  const openRun = (/^(\*+|~+)/.exec(text)?.[0] ?? '').length;
  const closeRun = (/(\*+|~+)$/.exec(text)?.[0] ?? '').length;
  const opens = !(classOf(text[openRun]) === 'punct' && before === 'other');
  const closes = !(classOf(text[text.length - closeRun - 1]) === 'punct' && after === 'other');
  if (opens && closes) return text;
  const tags = [run.bold && 'strong', run.italic && 'em', run.strikethrough && 'del'].filter(
    (t): t is string => typeof t === 'string',
  );
  return `${tags.map((t) => `<${t}>`).join('')}${inner}${[...tags]
    .reverse()
    .map((t) => `</${t}>`)
    .join('')}`;
}

/** A code span: a fence longer than any run of backticks inside, padded when the code starts or ends with one. */
function codeSpan(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/**
 * Escapes what a person typed. Always: backslash, emphasis, code, brackets,
 * strikethrough and table pipes; `<` as `&lt;` (no raw HTML, no autolinks);
 * `&` where it would start an entity. At the start of a line: what would start
 * a heading, quote, list, thematic break or setext underline (a run may end
 * where another begins, so "end of text" counts as the space that would follow). In headings: every `#`, since
 * a trailing run of them would be read as the heading's closing sequence.
 */
export function escapeText(text: string, context: { lineStart?: boolean; heading?: boolean } = {}): string {
  let s = text
    .replace(/[\r\n\u2028\u2029\v\f]+/g, ' ')
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;');
  if (context.heading) s = s.replace(/#/g, '\\#');
  if (context.lineStart) {
    s = s
      .replace(/^(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|[=-](?=[\s=-]*$))/, '\\$1')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  }
  return s;
}
