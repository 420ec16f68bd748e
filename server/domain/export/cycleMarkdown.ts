/**
 * A whole Impact Cycle as one Markdown document: the cycle's goal, measure,
 * phase and tags at the top, then every meeting of the cycle in the order they
 * happened, each with its sections and facts (see `meetingMarkdown.ts`).
 */
import { textInlines } from '../../../shared/docContent.js';
import { blocksToMarkdown, markdownHeading } from '../../../shared/markdown.js';
import type { Cycle } from '../../../shared/cycle.js';
import type { MeasureValue } from '../../../shared/measure.js';
import { measureSummary, numberLabel } from '../../../shared/measureChart.js';
import { cycleMeetings } from './cycleMeetings.js';
import { cycleFileName, formatCalendarDate, formatDate } from './exportFormat.js';
import { cycleFactItems, partnersLine, renderMeeting, type MarkdownFile } from './meetingMarkdown.js';
import { partnerOf, readMeetingRecord, type ExportDeps } from './meetingRecord.js';

/** The measure's values over time: the summary sentence, then each value with the day and who recorded it. */
function measureOverTime(cycle: Cycle, values: MeasureValue[]): string {
  const { baseline, target } = cycle.measure;
  const items = values.map((v) => ({
    inlines: textInlines(
      `${formatCalendarDate(v.measuredOn)}: ${numberLabel(v.value)} (recorded by ${v.recordedBy.name}${
        v.correctedBy ? `, corrected by ${v.correctedBy.name}` : ''
      })`,
    ),
    children: [],
  }));
  return blocksToMarkdown([
    { kind: 'heading', level: 2, inlines: textInlines('The measure over the cycle') },
    { kind: 'paragraph', inlines: textInlines(measureSummary({ baseline, target, values })) },
    ...(items.length > 0 ? [{ kind: 'list' as const, ordered: false, checklist: false, start: 1, items }] : []),
  ]);
}

/** `GET /api/cycles/:id/export.md`: the cycle as Markdown; `not_found` (404) to anyone but its partners. */
export async function cycleMarkdown(deps: ExportDeps, userId: string, cycleId: string): Promise<MarkdownFile> {
  const { cycle, partnership, meetings } = await cycleMeetings(deps, userId, cycleId);

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
    measureOverTime(cycle, (await deps.coaching.measureValues(userId, cycleId)).values),
  ];
  for (const row of meetings) {
    const record = await readMeetingRecord(deps, userId, row, partnership);
    parts.push(renderMeeting(record, partnership, null, 2).trimEnd());
  }
  if (meetings.length === 0) parts.push('_No meetings in this cycle yet._');
  return { fileName: cycleFileName(partnerOf(partnership).name, cycle), markdown: `${parts.join('\n\n')}\n` };
}
