/**
 * The export as a zip archive a person can open: `tandem-export.json` for
 * machines, one Markdown file per meeting for people, and a short note saying
 * which is which.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ACCOUNT_EXPORT_JSON, type AccountExport, type ExportedMeeting } from '../../../shared/accountExport.js';

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const formatDate = (iso: string) => DATE_FORMAT.format(new Date(iso));

/** "Marigold: review of questioning" -> "marigold-review-of-questioning"; never empty. */
function slug(text: string, fallback: string): string {
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

/** Keeps a line of someone's notes from turning into a heading of its own. */
function escapeLine(line: string): string {
  return line.replace(/^(\s{0,3})(#|=+\s*$|-{2,}\s*$)/, '$1\\$2');
}

export function meetingMarkdown(partnership: AccountExport['partnerships'][number], meeting: ExportedMeeting): string {
  const lines = [
    `# ${meeting.title}`,
    '',
    `- Coaching partnership: ${partnership.coach.name} (coach) and ${partnership.teacher.name} (teacher)`,
    `- Started on ${formatDate(meeting.createdAt)} by ${meeting.createdBy.name}`,
    meeting.endedAt ? `- Finished on ${formatDate(meeting.endedAt)}` : '- Not marked as finished',
  ];
  for (const section of meeting.sections) {
    lines.push('', `## ${section.title}`, '');
    lines.push(
      section.text.trim() === '' ? '_Nothing was written here._' : section.text.split('\n').map(escapeLine).join('\n'),
    );
  }
  return `${lines.join('\n')}\n`;
}

function readme(data: AccountExport): string {
  return [
    `Your Tandem notes, exported on ${formatDate(data.exportedAt)} for ${data.account.name}.`,
    '',
    `${ACCOUNT_EXPORT_JSON}: everything Tandem keeps that you can see, in one file for other programs.`,
    'meetings/: one file per meeting, in a folder per coaching partnership, to read in any text editor.',
    '',
  ].join('\n');
}

/** The archive's bytes and the name to save it as (`tandem-export-YYYY-MM-DD.zip`). */
export function buildArchive(data: AccountExport): { fileName: string; bytes: Uint8Array } {
  const files: Zippable = {
    'README.txt': strToU8(readme(data)),
    [ACCOUNT_EXPORT_JSON]: strToU8(JSON.stringify(data, null, 2)),
  };
  for (const partnership of data.partnerships) {
    for (const meeting of partnership.meetings) files[meeting.file] = strToU8(meetingMarkdown(partnership, meeting));
  }
  const bytes = zipSync(files, { level: 6, mtime: new Date(data.exportedAt) });
  return { fileName: `tandem-export-${data.exportedAt.slice(0, 10)}.zip`, bytes };
}
