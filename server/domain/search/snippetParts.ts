/**
 * Snippets come back from both engines as text with matched words between
 * two control characters (which indexed text never holds, see `searchText.ts`).
 * They are handed on as parts, never HTML.
 */
import type { SnippetPart } from '../../../shared/search.js';
import { MATCH_END, MATCH_START } from './searchText.js';

/** Splits a marked snippet into plain and matching parts, merging neighbours of the same kind. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  let rest = marked;
  while (rest !== '') {
    const start = rest.indexOf(MATCH_START);
    if (start === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, start), false);
    const end = rest.indexOf(MATCH_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    push(rest.slice(start + 1, stop), true);
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  // A stray end marker (cannot come from the engines) is dropped rather than shown.
  return parts.map((p) => ({ text: p.text.replaceAll(MATCH_END, ''), match: p.match })).filter((p) => p.text !== '');
}
