/**
 * The export as a zip archive a person can open: `tandem-export.json` for
 * machines, one Markdown file per meeting for people (the same document as
 * the meeting's own Markdown export), and a short note saying which is which.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ACCOUNT_EXPORT_JSON, type AccountExport } from '../../../shared/accountExport.js';
import type { AccountExportBundle } from './export.js';
import { formatDate } from './exportFormat.js';

export { meetingFileName } from './exportFormat.js';

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
export function buildArchive({ data, markdown }: AccountExportBundle): { fileName: string; bytes: Uint8Array } {
  const files: Zippable = {
    'README.txt': strToU8(readme(data)),
    [ACCOUNT_EXPORT_JSON]: strToU8(JSON.stringify(data, null, 2)),
  };
  for (const [file, text] of Object.entries(markdown)) files[file] = strToU8(text);
  const bytes = zipSync(files, { level: 6, mtime: new Date(data.exportedAt) });
  return { fileName: `tandem-export-${data.exportedAt.slice(0, 10)}.zip`, bytes };
}
