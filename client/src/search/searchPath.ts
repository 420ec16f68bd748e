/** Where search sends people: the results page, and a meeting opened at the section a hit is in. */
import type { SectionId } from '../../../shared/sections.js';

export const SEARCH_PATH = '/search';

export function searchPathOf(q: string): string {
  return `${SEARCH_PATH}?${new URLSearchParams({ q }).toString()}`;
}

/** The hash that opens a meeting at a section (read by `useSectionFromHash`). */
export const SECTION_HASH_PREFIX = '#section-';

export function meetingPathOf(meetingId: string, sectionId: SectionId | null): string {
  const path = `/meetings/${encodeURIComponent(meetingId)}`;
  return sectionId ? `${path}${SECTION_HASH_PREFIX}${sectionId}` : path;
}
