/**
 * The exports for the transports: a meeting or a whole cycle as Markdown, and
 * everything a person may see as JSON plus Markdown in a zip. Each checks that
 * the caller is a partner; to anyone else the meeting or cycle does not exist.
 */
import { collectExport, type AccountExportBundle } from './export.js';
import { buildArchive } from './exportArchive.js';
import { cycleMarkdown } from './cycleMarkdown.js';
import { cycleRecord } from './cycleRecord.js';
import type { CycleRecordResponse } from '../../../shared/cycleRecord.js';
import { meetingMarkdown, type MarkdownFile } from './meetingMarkdown.js';
import type { ExportDeps } from './meetingRecord.js';

export type { MarkdownFile } from './meetingMarkdown.js';

export class Exports {
  constructor(private readonly deps: ExportDeps) {}

  /** One meeting as Markdown (sections with formatting, every fact). Throws `not_found` (404) to non-partners. */
  meetingMarkdown = (userId: string, meetingId: string): Promise<MarkdownFile> =>
    meetingMarkdown(this.deps, userId, meetingId);

  /** Every meeting of a cycle, in order, under the cycle's goal and measure. Throws `not_found` (404) to non-partners. */
  cycleMarkdown = (userId: string, cycleId: string): Promise<MarkdownFile> => cycleMarkdown(this.deps, userId, cycleId);

  /** A cycle for its page: every meeting in order with its formatted sections and facts. Throws `not_found` (404) to non-partners. */
  cycleRecord = (userId: string, cycleId: string): Promise<CycleRecordResponse> =>
    cycleRecord(this.deps, userId, cycleId);

  /** The account export's JSON (`AccountExportSchema`) and each meeting's Markdown, by path in the archive. */
  account = (userId: string): Promise<AccountExportBundle> => collectExport(this.deps, userId);

  /** The account export as a zip (`tandem-export-YYYY-MM-DD.zip`). Throws `unauthenticated` for a closed account. */
  archive = async (userId: string): Promise<{ fileName: string; bytes: Uint8Array }> =>
    buildArchive(await collectExport(this.deps, userId));
}
