/**
 * One meeting as Markdown a person can read, print or keep: a heading with the
 * meeting and the partnership, then every section in page order with its
 * formatting and, beside it, the facts recorded for it (the step from last time
 * and whether it happened, PEERS, the measure, the approach, rehearsals with
 * feedback and reflections, the check-back date and who agreed to what, when).
 * Facts are built as blocks and rendered by the same escaping renderer as the
 * notes, so nothing anyone typed (a title, a name, feedback) can forge structure.
 */
import type { Person } from '../../../shared/api.js';
import { APPROACH_LABELS, PEERS_CRITERIA, REVIEW_LABELS } from '../../../shared/coaching.js';
import type { Cycle } from '../../../shared/cycle.js';
import { ECF_AREA_LABELS, PHASE_LABELS, CYCLE_STATUS_LABELS } from '../../../shared/cycle.js';
import { blocksAreEmpty, textInlines, type Block, type Inline, type ListItem } from '../../../shared/docContent.js';
import { blocksToMarkdown, markdownHeading } from '../../../shared/markdown.js';
import type { SectionId } from '../../../shared/sections.js';
import { errors } from '../../errors.js';
import { meetingAccess } from '../access.js';
import { peopleById } from '../coaching/coachingDeps.js';
import { formatCalendarDate, formatDate, formatDateTime } from './exportFormat.js';
import { readMeetingRecord, type ExportDeps, type ExportPartnership, type MeetingRecord } from './meetingRecord.js';

/** A Markdown document and the file name to offer it under. */
export interface MarkdownFile {
  fileName: string;
  markdown: string;
}

// Small builders for the facts, so they go through the same escaping as the notes.
const text = (s: string): Inline[] => textInlines(s);
const bold = (s: string): Inline[] => textInlines(s, { bold: true });
const italic = (s: string): Inline[] => textInlines(s, { italic: true });
const para = (...parts: Inline[][]): Block => ({ kind: 'paragraph', inlines: parts.flat() });
const item = (...parts: Inline[][]): ListItem => ({ inlines: parts.flat(), children: [] });
const bullets = (items: ListItem[]): Block => ({ kind: 'list', ordered: false, checklist: false, start: 1, items });
/** Names and titles are one line, whatever was typed into them. */
const oneLine = (s: string) => s.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
const who = (p: Person, at: string) => `${oneLine(p.name)}, ${formatDate(at)}`;

/** "Meeting 4 · Questioning" when numbered, else the title. */
export function meetingHeadingText(meeting: MeetingRecord['meeting']): string {
  return meeting.number === null ? meeting.title : `Meeting ${meeting.number} · ${meeting.title}`;
}

/** The partners, as "Rosalind Ashworth (coach) and Kwame Pemberton (teacher)". */
export const partnersLine = (p: ExportPartnership) =>
  `${oneLine(p.coach.name)} (coach) and ${oneLine(p.teacher.name)} (teacher)`;

/**
 * Renders a meeting. `depth` is the level of its own heading (1 alone, 2 inside
 * a cycle); its sections sit one level below. The cycle's facts are shown when
 * `cycle` is given (the cycle export shows them once, at its top).
 */
export function renderMeeting(
  record: MeetingRecord,
  partnership: ExportPartnership,
  cycle: Cycle | null,
  depth: number,
): string {
  const { meeting } = record;
  const header: ListItem[] = [
    item(bold('Coaching partnership:'), text(` ${partnersLine(partnership)}`)),
    item(text(`Started on ${formatDate(meeting.createdAt)} by ${oneLine(meeting.createdBy.name)}`)),
  ];
  if (meeting.finishedAt) {
    const by = meeting.finishedBy ? ` by ${oneLine(meeting.finishedBy.name)}` : '';
    header.push(item(bold('Finished'), text(` on ${formatDate(meeting.finishedAt)}${by}`)));
  }
  if (meeting.reopenedAt) {
    const by = meeting.reopenedBy ? ` by ${oneLine(meeting.reopenedBy.name)}` : '';
    const note = meeting.finishedAt ? '' : '; changes since then are in its history';
    header.push(item(bold('Reopened'), text(` on ${formatDate(meeting.reopenedAt)}${by}${note}`)));
  }
  if (meeting.endedAt) header.push(item(text(`Ended on ${formatDate(meeting.endedAt)}`)));
  if (!meeting.finishedAt && !meeting.endedAt) header.push(item(text('Not marked as finished')));
  const parts = [markdownHeading(depth, text(meetingHeadingText(meeting))), blocksToMarkdown([bullets(header)])];

  for (const section of meeting.sections) {
    parts.push(markdownHeading(depth + 1, text(section.title)));
    const before = section.id === 'review' ? sinceLastTime(record) : [];
    if (before.length > 0) parts.push(blocksToMarkdown(before));
    const blocks = record.blocks[section.id];
    parts.push(
      blocksAreEmpty(blocks) ? '_Nothing was written here._' : blocksToMarkdown(blocks, { headingOffset: depth + 1 }),
    );
    const after = factsAfter(section.id, record, cycle);
    if (after.length > 0) parts.push(blocksToMarkdown(after));
  }
  return `${parts.join('\n\n')}\n`;
}

/** The step carried from last time, and whether it happened. */
function sinceLastTime({ meeting }: MeetingRecord): Block[] {
  const { carried, review } = meeting;
  if (!carried) return [para(italic('No step was carried from an earlier meeting.'))];
  const facts = [
    item(bold('From:'), text(` ${oneLine(carried.fromMeetingTitle)}`)),
    item(bold('Check back on:'), text(` ${carried.dueOn ? formatCalendarDate(carried.dueOn) : 'no date set'}`)),
    item(
      bold('Agreed by both:'),
      text(carried.agreed ? ' yes, as written above' : ' no, it was not agreed by both when this meeting began'),
    ),
    item(
      bold('Did it happen?'),
      text(review ? ` ${REVIEW_LABELS[review.outcome]} (${who(review.by, review.at)})` : ' not answered yet'),
    ),
  ];
  return [para(bold('The step from last time')), { kind: 'quote', inlines: text(carried.text) }, bullets(facts)];
}

function factsAfter(section: SectionId, record: MeetingRecord, cycle: Cycle | null): Block[] {
  const { meeting } = record;
  switch (section) {
    case 'goal': {
      const peers: ListItem[] = PEERS_CRITERIA.map((criterion) => {
        const tick = meeting.peers.find((p) => p.criterion === criterion.id);
        const by = tick?.by && tick.at ? ` (${tick.checked ? 'ticked' : 'unticked'} by ${who(tick.by, tick.at)})` : '';
        return { inlines: text(`${criterion.label}${by}`), checked: tick?.checked ?? false, children: [] };
      });
      const blocks: Block[] = [
        para(bold('Goal check (PEERS)')),
        { kind: 'list', ordered: false, checklist: true, start: 1, items: peers },
      ];
      return cycle ? [...blocks, ...cycleFacts(cycle)] : blocks;
    }
    case 'modelledStrategy': {
      const a = meeting.approach;
      return [
        para(bold('Approach used:'), text(a ? ` ${APPROACH_LABELS[a.value]} (${who(a.by, a.at)})` : ' not recorded')),
      ];
    }
    case 'practicePlan':
      return practiceFacts(record);
    case 'actionStep':
      return stepFacts(record);
    default:
      return [];
  }
}

function practiceFacts({ meeting }: MeetingRecord): Block[] {
  if (meeting.practice.length === 0) return [para(bold('Rehearsals logged in this meeting:'), text(' none'))];
  const items = meeting.practice.map((p): ListItem => {
    const details: ListItem[] = [
      item(bold('Feedback:'), text(p.feedback.trim() === '' ? ' none written' : ' '), text(p.feedback)),
      item(
        bold("Teacher's reflection:"),
        text(p.reflection.trim() === '' ? ' none written yet' : ' '),
        text(p.reflection),
      ),
    ];
    return {
      inlines: [
        ...bold(formatCalendarDate(p.practisedOn)),
        ...text(`: ${oneLine(p.what)} (logged by ${oneLine(p.addedBy.name)})`),
      ],
      children: [bullets(details)],
    };
  });
  return [para(bold('Rehearsals logged in this meeting')), bullets(items)];
}

function stepFacts({ meeting }: MeetingRecord): Block[] {
  const { step } = meeting;
  const blocks: Block[] = [
    para(bold('Check back on:'), text(` ${step.dueOn ? formatCalendarDate(step.dueOn) : 'no date set'}`)),
    para(
      bold('Agreement:'),
      text(
        step.agreedByBoth
          ? ' agreed by both partners to the step and date above'
          : step.text === ''
            ? ' no step written yet'
            : ' not agreed by both yet',
      ),
    ),
  ];
  const agreements = step.agreements.map((a) =>
    item(
      text(
        `${oneLine(a.name)} (${a.role}) agreed on ${formatDateTime(a.agreedAt)} ` +
          (a.matchesStep ? 'to the step and date above' : 'to an earlier wording or date; the step has changed since'),
      ),
    ),
  );
  if (agreements.length > 0) blocks.push(bullets(agreements));
  return blocks;
}

/** The cycle's goal status, measure, phase and tags, under a label. */
export function cycleFacts(cycle: Cycle): Block[] {
  return [para(bold('Impact cycle')), bullets(cycleFactItems(cycle))];
}

/** The cycle's goal status, measure, phase and tags, as list items. */
export function cycleFactItems(cycle: Cycle): ListItem[] {
  const m = cycle.measure;
  const num = (label: string, value: number | null) => `${label}: ${value === null ? 'not set' : String(value)}`;
  const latestOn = m.latestOn ? ` (counted on ${formatCalendarDate(m.latestOn)})` : '';
  const goal =
    cycle.goal.status === 'set' && cycle.goal.setBy && cycle.goal.setAt
      ? ` set (${who(cycle.goal.setBy, cycle.goal.setAt)})`
      : ' a draft';
  const closed = cycle.closedAt
    ? ` (${cycle.closedBy ? who(cycle.closedBy, cycle.closedAt) : formatDate(cycle.closedAt)})`
    : '';
  return [
    item(bold('Goal:'), text(goal)),
    item(bold('Measure:'), text(` ${m.what ?? 'not set'}`)),
    item(text(`${num('Baseline', m.baseline)} · ${num('Target', m.target)} · ${num('Latest', m.latest)}${latestOn}`)),
    item(bold('Phase:'), text(` ${PHASE_LABELS[cycle.phase]}`)),
    item(bold('Status:'), text(` ${CYCLE_STATUS_LABELS[cycle.status]}${closed}`)),
    item(bold('Whole-school focus:'), text(` ${cycle.focusTag ?? 'none'}`)),
    item(bold('Early Career Framework area:'), text(` ${cycle.ecfArea ? ECF_AREA_LABELS[cycle.ecfArea] : 'none'}`)),
  ];
}

/** The partnership of a meeting or cycle as `userId` sees it (they are known to be a partner). */
export async function exportPartnership(
  deps: ExportDeps,
  userId: string,
  row: { id: string; coach_id: string; teacher_id: string; created_at: string; closed_at: string | null },
): Promise<ExportPartnership> {
  const people = await peopleById(deps.db, [row.coach_id, row.teacher_id]);
  const person = (id: string) => people.get(id) ?? { id, name: 'Former partner' };
  return {
    id: row.id,
    myRole: row.coach_id === userId ? 'coach' : 'teacher',
    coach: person(row.coach_id),
    teacher: person(row.teacher_id),
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/** `GET /api/meetings/:id/export.md`: the meeting as Markdown; `not_found` (404) to anyone but its partners. */
export async function meetingMarkdown(deps: ExportDeps, userId: string, meetingId: string): Promise<MarkdownFile> {
  const access = await meetingAccess(deps.db, userId, meetingId);
  if (!access) throw errors.notFound('That meeting');
  const partnership = await exportPartnership(deps, userId, access.partnership);
  const record = await readMeetingRecord(deps, userId, access.meeting, partnership);
  const cycle = await deps.coaching.getCycle(userId, record.meeting.cycleId);
  const fileName = record.meeting.file.split('/').at(-1) ?? 'meeting.md';
  return { fileName, markdown: renderMeeting(record, partnership, cycle, 1) };
}
