/**
 * Everything recorded about one meeting, gathered for an export: its sections
 * with their formatting (read from the stored update log, as the server's own
 * copy) and every coaching fact (read through the coaching domain, which
 * checks that the caller is a partner). One gatherer feeds the JSON export,
 * the meeting Markdown and the cycle Markdown, so they never disagree.
 */
import type { Kysely } from 'kysely';
import { meetingDate } from '../../../shared/meetingLabel.js';
import type { Person, Role } from '../../../shared/api.js';
import type { ExportedMeeting } from '../../../shared/accountExport.js';
import { normaliseStepText, stepHash } from '../../../shared/actionStep.js';
import type { MeetingCoaching } from '../../../shared/coaching.js';
import { sectionBlocks, type Block } from '../../../shared/docContent.js';
import { sectionText } from '../../../shared/docText.js';
import { blocksToMarkdown } from '../../../shared/markdown.js';
import { SECTIONS, type SectionId } from '../../../shared/sections.js';
import type { DocumentStore } from '../../storage/documentStore.js';
import type { Database, MeetingRow } from '../../storage/schema.js';
import { peopleById } from '../coaching/coachingDeps.js';
import type { Coaching } from '../coaching/coaching.js';
import { meetingFileName } from './exportFormat.js';

/** What the exports need; a `Services` object fits. */
export interface ExportDeps {
  db: Kysely<Database>;
  documents: Pick<DocumentStore, 'read'>;
  coaching: Pick<Coaching, 'meeting' | 'getCycle' | 'listCycles' | 'measureValues'>;
  now?: () => Date;
}

/** The partnership a meeting is exported within, as the caller sees it. */
export interface ExportPartnership {
  id: string;
  myRole: Role;
  coach: Person;
  teacher: Person;
  createdAt: string;
  closedAt: string | null;
}

/** A meeting's JSON record plus the blocks of its sections, from which its Markdown is rendered. */
export interface MeetingRecord {
  meeting: ExportedMeeting;
  blocks: Record<SectionId, Block[]>;
}

/** The meeting number and finished stamp; null until the columns exist and are set. */
export interface MeetingExtras {
  number: number | null;
  finishedAt: string | null;
  finishedBy: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
}

/** The meeting's number in its partnership, and who finished or reopened it, when. */
export function meetingExtras(row: MeetingRow): MeetingExtras {
  return {
    number: row.number,
    finishedAt: row.finished_at,
    finishedBy: row.finished_by,
    reopenedAt: row.reopened_at,
    reopenedBy: row.reopened_by,
  };
}

/** The sections of a stored meeting document: blocks and plain text, in page order. */
export async function readSections(
  documents: ExportDeps['documents'],
  meetingId: string,
): Promise<{ id: SectionId; title: string; blocks: Block[]; text: string }[]> {
  const doc = await documents.read(meetingId);
  return SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    blocks: sectionBlocks(doc, s.id),
    text: sectionText(doc, s.id),
  }));
}

/** The partner of the caller in `partnership`, whose name names the archive folder. */
export const partnerOf = (p: ExportPartnership) => (p.myRole === 'coach' ? p.teacher : p.coach);

/**
 * Gathers one meeting's record for `userId`, who must be a partner (the coaching
 * read answers `not_found` otherwise).
 */
export async function readMeetingRecord(
  deps: ExportDeps,
  userId: string,
  row: MeetingRow,
  partnership: ExportPartnership,
): Promise<MeetingRecord> {
  const coaching = await deps.coaching.meeting(userId, row.id);
  const extras = meetingExtras(row);
  // Models brought in with "Use a model": the school's words, not the partners'; their names are kept.
  const used = await deps.db
    .selectFrom('model_uses as u')
    .innerJoin('models as m', 'm.id', 'u.model_id')
    .select(['u.model_id', 'm.name', 'u.used_at', 'u.used_by'])
    .where('u.meeting_id', '=', row.id)
    .orderBy('u.used_at')
    .execute();
  const people = await peopleById(deps.db, [
    row.created_by,
    extras.finishedBy,
    extras.reopenedBy,
    ...used.map((u) => u.used_by),
  ]);
  const person = (id: string) => people.get(id) ?? { id, name: 'Former partner' };
  const sections = await readSections(deps.documents, row.id);
  const stepText = normaliseStepText(sections.find((s) => s.id === 'actionStep')?.text ?? '');
  const meeting: ExportedMeeting = {
    id: row.id,
    // An untitled meeting is named by its date, as on the page ("Meeting 4 · Tue 1 December 2026").
    title: row.title_given ? row.title : meetingDate(row.created_at),
    number: extras.number,
    createdAt: row.created_at,
    createdBy: person(row.created_by),
    endedAt: row.ended_at,
    finishedAt: extras.finishedAt,
    finishedBy: extras.finishedBy ? person(extras.finishedBy) : null,
    reopenedAt: extras.reopenedAt,
    reopenedBy: extras.reopenedBy ? person(extras.reopenedBy) : null,
    file: meetingFileName(partnerOf(partnership).name, partnership.id, row),
    cycleId: coaching.cycleId,
    sections: sections.map((s) => ({ id: s.id, title: s.title, text: s.text, markdown: blocksToMarkdown(s.blocks) })),
    carried: coaching.carried && {
      fromMeetingId: coaching.carried.fromMeetingId,
      fromMeetingTitle: coaching.carried.fromMeetingTitle,
      text: coaching.carried.text,
      dueOn: coaching.carried.dueOn,
      agreed: coaching.carried.agreed,
    },
    review: coaching.review,
    approach: coaching.approach,
    peers: coaching.peers,
    step: stepRecord(coaching, stepText),
    practice: coaching.practice
      .filter((p) => p.meetingId === row.id)
      .sort((a, b) => a.practisedOn.localeCompare(b.practisedOn) || a.addedAt.localeCompare(b.addedAt)),
    modelsUsed: used.map((u) => ({
      modelId: u.model_id,
      name: u.name,
      usedAt: u.used_at,
      usedBy: person(u.used_by),
    })),
  };
  const blocks = Object.fromEntries(sections.map((s) => [s.id, s.blocks])) as Record<SectionId, Block[]>;
  return { meeting, blocks };
}

function stepRecord(coaching: MeetingCoaching, text: string): ExportedMeeting['step'] {
  const hash = stepHash(text, coaching.step.dueOn);
  const agreements = coaching.step.agreements.map((a) => ({ ...a, matchesStep: a.hash === hash }));
  const roles = new Set(agreements.filter((a) => a.matchesStep).map((a) => a.role));
  return {
    text,
    dueOn: coaching.step.dueOn,
    agreedByBoth: text !== '' && roles.has('coach') && roles.has('teacher'),
    agreements,
  };
}
