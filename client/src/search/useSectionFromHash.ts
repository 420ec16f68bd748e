/**
 * Opens a meeting at a section when its address says so (`#section-goal`, as
 * search results link): once the notes are loaded and that section's editor is
 * on the page, brings it into view and puts the caret in it.
 */
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { isSectionId } from '../../../shared/sections.js';
import { goToSection } from '../coaching/useLookAtThis.js';
import { SECTION_HASH_PREFIX } from './searchPath.js';

/** How many frames to wait for the editor before going to the section anyway (about two seconds). */
const MAX_FRAMES = 120;

export function useSectionFromHash(loaded: boolean): void {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!loaded || !hash.startsWith(SECTION_HASH_PREFIX)) return;
    const sectionId = decodeURIComponent(hash.slice(SECTION_HASH_PREFIX.length));
    if (!isSectionId(sectionId)) return;
    let frame = 0;
    let frames = 0;
    const attempt = () => {
      const editor = document.querySelector(`[data-section="${sectionId}"] [contenteditable]`);
      if (editor || frames++ >= MAX_FRAMES) {
        goToSection(sectionId);
        return;
      }
      frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
    // `key` changes on every visit, so choosing the same result again goes there again.
  }, [loaded, hash, key]);
}
