/**
 * The export as a zip archive a person can open: `tandem-export.json` for
 * machines, one Markdown file per meeting for people (the same document as
 * the meeting's own Markdown export), and a short note saying which is which.
 */
import { strToU8, zip, type AsyncZippable } from 'fflate';
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

/**
 * The archive's bytes and the name to save it as (`tandem-export-YYYY-MM-DD.zip`). Compressed off the
 * event loop (fflate's asynchronous zip runs in worker threads): deflating a 16 MiB meeting on the
 * main thread held every other request for over a second.
 */
export async function buildArchive({
  data,
  markdown,
}: AccountExportBundle): Promise<{ fileName: string; bytes: Uint8Array }> {
  const files: AsyncZippable = {
    'README.txt': strToU8(readme(data)),
    [ACCOUNT_EXPORT_JSON]: strToU8(JSON.stringify(data, null, 2)),
  };
  for (const [file, text] of Object.entries(markdown)) files[file] = strToU8(text);
  const bytes = await new Promise<Uint8Array>((resolve, reject) =>
    zip(files, { level: 6, mtime: new Date(data.exportedAt) }, (err, zipped) => (err ? reject(err) : resolve(zipped))),
  );
  return { fileName: `tandem-export-${data.exportedAt.slice(0, 10)}.zip`, bytes };
}
