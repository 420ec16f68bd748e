/**
 * A whole Impact Cycle for the cycle page (`GET /api/cycles/:id/record`): the
 * cycle, its partners, and every meeting in the order it happened with its
 * label, its sections as formatted blocks and its coaching facts. Meetings
 * are found and ordered as in `cycleMarkdown.ts` (`cycleMeetings.ts`).
 */
import type { CycleRecordMeeting, CycleRecordResponse } from '../../../shared/cycleRecord.js';
import { peopleById } from '../coaching/coachingDeps.js';
import { cycleMeetings } from './cycleMeetings.js';
import { readSections, type ExportDeps } from './meetingRecord.js';

/** The cycle with every meeting; `not_found` (404) to anyone but its partners. */
export async function cycleRecord(deps: ExportDeps, userId: string, cycleId: string): Promise<CycleRecordResponse> {
  const { cycle, partnership, meetings: rows } = await cycleMeetings(deps, userId, cycleId);
  const people = await peopleById(
    deps.db,
    rows.flatMap((r) => [r.finished_by, r.reopened_by]),
  );
  const person = (id: string | null) => (id === null ? null : (people.get(id) ?? { id, name: 'Former partner' }));

  const meetings: CycleRecordMeeting[] = [];
  for (const row of rows) {
    const coaching = await deps.coaching.meeting(userId, row.id);
    const sections = await readSections(deps.documents, row.id);
    meetings.push({
      id: row.id,
      number: Number(row.number),
      title: row.title,
      titleGiven: Number(row.title_given) === 1,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      finishedBy: person(row.finished_by),
      reopenedAt: row.reopened_at,
      reopenedBy: person(row.reopened_by),
      sections: sections.map((s) => ({ id: s.id, title: s.title, blocks: s.blocks })),
      coaching,
    });
  }
  return {
    cycle,
    coach: partnership.coach,
    teacher: partnership.teacher,
    myRole: partnership.myRole,
    meetings,
    measure: await deps.coaching.measureValues(userId, cycleId),
  };
}
