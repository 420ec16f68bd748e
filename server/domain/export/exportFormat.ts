/** How the exports write dates and name their files. */

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** An ISO timestamp as "1 December 2026". */
export const formatDate = (iso: string) => DATE.format(new Date(iso));

/** An ISO timestamp as "1 December 2026 at 14:05 UTC" (agreements are told apart by the minute). */
export const formatDateTime = (iso: string) => `${DATE.format(new Date(iso))} at ${TIME.format(new Date(iso))} UTC`;

/** A calendar date (YYYY-MM-DD) as "Tue, 8 December 2026"; anything else as it is. */
export function formatCalendarDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : DAY.format(parsed);
}

/** "Marigold: review of questioning" -> "marigold-review-of-questioning"; never empty. */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return s || fallback;
}

/** Where a meeting's Markdown sits in the archive: a folder per partnership, then date and title. */
export function meetingFileName(
  partnerName: string,
  partnershipId: string,
  meeting: { id: string; title: string; created_at: string },
): string {
  const folder = `with-${slug(partnerName, 'partner')}-${partnershipId.slice(0, 8)}`;
  return `meetings/${folder}/${meeting.created_at.slice(0, 10)}-${slug(meeting.title, 'meeting')}-${meeting.id.slice(0, 8)}.md`;
}

/** The name to save a cycle's Markdown as. */
export function cycleFileName(partnerName: string, cycle: { id: string; startedAt: string }): string {
  return `tandem-cycle-with-${slug(partnerName, 'partner')}-${cycle.startedAt.slice(0, 10)}-${cycle.id.slice(0, 8)}.md`;
}
