/** How a version is named in the history list, in plain words. */
import type { VersionSummary } from '../../../shared/history.js';

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

export function versionLabel(version: VersionSummary): string {
  if (version.kind === 'auto') return 'Saved automatically';
  if (version.kind === 'visit') return version.by ? `After ${version.by.name}’s visit` : 'After a visit';
  if (version.name) return version.name;
  const fallback: Record<VersionSummary['kind'], string> = {
    auto: 'Saved automatically',
    visit: 'After a visit',
    finished: 'Finished',
    reopened: 'Reopened',
    agreed: 'Agreed by both',
    restored: 'A section restored',
    kept: 'Kept after the meeting was finished',
  };
  return fallback[version.kind];
}

/** Whether a version was recorded on its own (not named after something someone did). */
export const isAutomatic = (version: VersionSummary): boolean => version.kind === 'auto' || version.kind === 'visit';

/** "14:05", the time of day a version was recorded, in the reader's time zone. */
export function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
}
