/** The names the server gives named versions, in plain words for the history panel. */
import { SECTIONS, type SectionId } from '../../../shared/sections.js';

export const versionNames = {
  finished: (by: string) => `Finished by ${by}`,
  reopened: (by: string) => `Reopened by ${by}`,
  agreed: () => 'Agreed by both',
  restored: (section: SectionId, versionAt: string, by: string) =>
    `Restored ${sectionTitle(section)} from ${readableTime(versionAt)} by ${by}`,
  kept: (by: string) => `Kept: what ${by} wrote after the meeting was finished`,
};

function sectionTitle(section: SectionId): string {
  return SECTIONS.find((s) => s.id === section)?.title ?? section;
}

/**
 * "14:05 UTC, 1 December 2026": the server does not know the reader's time
 * zone, so it says which one it used (the page shows `createdAt` in local time).
 */
export function readableTime(iso: string): string {
  const d = new Date(iso);
  const month = d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} UTC, ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}
