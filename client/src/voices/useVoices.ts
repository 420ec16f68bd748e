/**
 * Who wrote what, section by section: the balance of each partner's words
 * (always), and their words coloured on screen (when switched on).
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { Role } from '../../../shared/api.js';
import { sectionRuns, sectionShares } from '../../../shared/authorship.js';
import { SECTIONS, type SectionId } from '../../../shared/sections.js';
import { sectionRanges, setVoiceHighlights } from './paintVoices.js';
import type { RoleOf } from './useAuthors.js';

export type Shares = Record<SectionId, Record<Role, number>>;

function allShares(doc: Y.Doc, roleOf: RoleOf): Shares {
  const shares = {} as Shares;
  for (const s of SECTIONS) shares[s.id] = sectionShares(doc, s.id, roleOf);
  return shares;
}

export function useVoices(
  doc: Y.Doc | null,
  roleOf: RoleOf,
  showColours: boolean,
  container: HTMLElement | null,
): Shares | null {
  const [shares, setShares] = useState<Shares | null>(null);

  useEffect(() => {
    if (!doc) return;
    let frame = 0;
    const refresh = () => {
      cancelAnimationFrame(frame);
      // After Lexical has put the change on screen.
      frame = requestAnimationFrame(() => {
        setShares(allShares(doc, roleOf));
        if (!showColours || !container) return;
        const ranges: Record<Role, Range[]> = { coach: [], teacher: [] };
        for (const s of SECTIONS) {
          const root = container.querySelector<HTMLElement>(`[data-section="${s.id}"] [contenteditable]`);
          if (!root) continue;
          const found = sectionRanges(root, sectionRuns(doc, s.id), roleOf);
          ranges.coach.push(...found.coach);
          ranges.teacher.push(...found.teacher);
        }
        setVoiceHighlights(ranges);
      });
    };
    refresh();
    doc.on('update', refresh);
    // The screen can change after the document (Lexical renders on its own schedule).
    const observer = container ? new MutationObserver(refresh) : null;
    observer?.observe(container as HTMLElement, { subtree: true, childList: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      doc.off('update', refresh);
      observer?.disconnect();
      setVoiceHighlights(null);
    };
  }, [doc, roleOf, showColours, container]);

  return shares;
}
