/**
 * Colours each partner's words in place with the CSS Custom Highlight API:
 * the editable text is left untouched, only ranges over it are registered.
 * Block i of a section's runs (shared/authorship.ts) is leaf block i on screen.
 */
import type { Role } from '../../../shared/api.js';
import type { Run } from '../../../shared/authorship.js';
import type { RoleOf } from './useAuthors.js';

export const HIGHLIGHT_NAMES: Record<Role, string> = {
  coach: 'tandem-voice-coach',
  teacher: 'tandem-voice-teacher',
};

/** Whether this browser can colour text by author. */
export function canPaintVoices(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** Leaf blocks: elements holding text directly (a list item holding only a nested list is not one). */
function leafBlocks(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('p, li, h1, h2, h3, h4, h5, h6, blockquote')].filter(
    (el) => !el.querySelector(':scope > ul, :scope > ol'),
  );
}

function textNodes(block: HTMLElement): Text[] {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** Ranges per role for one section; nothing when the screen and the document disagree (mid-render). */
export function sectionRanges(root: HTMLElement, blocks: Run[][], roleOf: RoleOf): Record<Role, Range[]> {
  const ranges: Record<Role, Range[]> = { coach: [], teacher: [] };
  const elements = leafBlocks(root);
  if (elements.length !== blocks.length) return ranges;
  blocks.forEach((runs, i) => {
    const nodes = textNodes(elements[i] as HTMLElement);
    let node = 0;
    let offset = 0;
    for (const run of runs) {
      const role = roleOf(run.client);
      let remaining = run.length;
      const range = role ? document.createRange() : null;
      let started = false;
      while (remaining > 0 && node < nodes.length) {
        const current = nodes[node] as Text;
        const available = current.data.length - offset;
        if (range && !started) {
          range.setStart(current, offset);
          started = true;
        }
        const take = Math.min(available, remaining);
        offset += take;
        remaining -= take;
        if (range && remaining === 0) range.setEnd(current, offset);
        if (offset >= current.data.length) {
          node++;
          offset = 0;
        }
      }
      if (range && role && started && remaining === 0) ranges[role].push(range);
    }
  });
  return ranges;
}

/** Registers (or clears, with null) the highlights for the whole page. */
export function setVoiceHighlights(ranges: Record<Role, Range[]> | null): void {
  if (!canPaintVoices()) return;
  for (const role of ['coach', 'teacher'] as const) {
    const name = HIGHLIGHT_NAMES[role];
    if (ranges && ranges[role].length > 0) CSS.highlights.set(name, new Highlight(...ranges[role]));
    else CSS.highlights.delete(name);
  }
}
