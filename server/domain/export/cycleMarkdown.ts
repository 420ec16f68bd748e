/**
 * A whole Impact Cycle as one Markdown document: the cycle's goal, measure,
 * phase and tags at the top, then every meeting of the cycle in the order they
 * happened, each with its sections and facts (see `meetingMarkdown.ts`).
 */
import { textInlines } from '../../../shared/docContent.js';
import { blocksToMarkdown, markdownHeading } from '../../../shared/markdown.js';
import { errors } from '../../errors.js';
import { partnershipAccess } from '../access.js';
import { cycleFileName, formatDate } from './exportFormat.js';
import {
  cycleFactItems,
  exportPartnership,
  partnersLine,
  renderMeeting,
  type MarkdownFile,
} from './meetingMarkdown.js';
import { partnerOf, readMeetingRecord, type ExportDeps } from './meetingRecord.js';

/** `GET /api/cycles/:id/export.md`: the cycle as Markdown; `not_found` (404) to anyone but its partners. */
export async function cycleMarkdown(deps: ExportDeps, userId: string, cycleId: string): Promise<MarkdownFile> {
  // The coaching read answers `not_found` ("That cycle") to anyone who is not a partner.
  const cycle = await deps.coaching.getCycle(userId, cycleId);
  const access = await partnershipAccess(deps.db, userId, cycle.partnershipId);
  if (!access) throw errors.notFound('That cycle');
  const partnership = await exportPartnership(deps, userId, access.partnership);
  const meetings = await deps.db
    .selectFrom('meetings as m')
    .innerJoin('meeting_coaching as mc', 'mc.meeting_id', 'm.id')
    .selectAll('m')
    .where('mc.cycle_id', '=', cycleId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();

  const goal = cycle.goal.text ? `: ${cycle.goal.text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')}` : '';
  const parts = [
    markdownHeading(1, textInlines(`Impact cycle${goal}`)),
    blocksToMarkdown([
      {
        kind: 'list',
        ordered: false,
        checklist: false,
        start: 1,
        items: [
          { inlines: textInlines(`Coaching partnership: ${partnersLine(partnership)}`), children: [] },
          { inlines: textInlines(`Started on ${formatDate(cycle.startedAt)}`), children: [] },
          { inlines: textInlines(`Meetings: ${meetings.length}`), children: [] },
          ...cycleFactItems(cycle),
        ],
      },
    ]),
  ];
  for (const row of meetings) {
    const record = await readMeetingRecord(deps, userId, row, partnership);
    parts.push(renderMeeting(record, partnership, null, 2).trimEnd());
  }
  if (meetings.length === 0) parts.push('_No meetings in this cycle yet._');
  return { fileName: cycleFileName(partnerOf(partnership).name, cycle), markdown: `${parts.join('\n\n')}\n` };
}
