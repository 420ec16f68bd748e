/**
 * What a meeting is found by, read by the server from what it stores: each
 * section's plain text from the stored update log (never a client's claim),
 * the meeting's title, the rehearsals, feedback and reflections added in it,
 * and, on the newest meeting of a cycle only, the cycle's measure and tags
 * (so a cycle's facts are found once, in the meeting where they stand now).
 */
import type { Kysely } from 'kysely';
import { ECF_AREA_LABELS, type EcfArea } from '../../../shared/cycle.js';
import { sectionText } from '../../../shared/docText.js';
import type { SearchField } from '../../../shared/search.js';
import { SECTION_IDS } from '../../../shared/sections.js';
import type { DocumentStore } from '../../storage/documentStore.js';
import type { Database } from '../../storage/schema.js';

/** One field's text, as indexed. */
export interface SearchText {
  field: SearchField;
  body: string;
}

/** Snippet markers; removed from indexed text so that stored words can never forge a match mark. */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** Drops the markers, and NUL, which PostgreSQL text cannot hold. */
function clean(text: string): string {
  let out = text;
  for (const c of ['\u0000', MATCH_START, MATCH_END]) out = out.replaceAll(c, ' ');
  return out.trim();
}

/** A meeting's partnership and searchable text, one entry per non-empty field. */
export interface MeetingSearchText {
  partnershipId: string;
  texts: SearchText[];
}

/** What a meeting is found by, read from storage; null when the meeting no longer exists. */
export async function readSearchText(
  db: Kysely<Database>,
  documents: DocumentStore,
  meetingId: string,
): Promise<MeetingSearchText | null> {
  const meeting = await db
    .selectFrom('meetings')
    .select(['title', 'partnership_id'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) return null;
  const texts: SearchText[] = [...(await sectionTexts(documents, meetingId))];
  texts.push({ field: 'title', body: meeting.title });
  texts.push(...(await practiceTexts(db, meetingId)));
  texts.push(...(await cycleTexts(db, meetingId)));
  return {
    partnershipId: meeting.partnership_id,
    texts: texts.map((t) => ({ field: t.field, body: clean(t.body) })).filter((t) => t.body !== ''),
  };
}

async function sectionTexts(documents: DocumentStore, meetingId: string): Promise<SearchText[]> {
  const doc = await documents.read(meetingId);
  return SECTION_IDS.map((field) => ({ field, body: sectionText(doc, field) }));
}

async function practiceTexts(db: Kysely<Database>, meetingId: string): Promise<SearchText[]> {
  const entries = await db
    .selectFrom('practice_entries')
    .select(['what', 'feedback', 'reflection'])
    .where('meeting_id', '=', meetingId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
  const join = (pick: (e: (typeof entries)[number]) => string) => entries.map(pick).filter(Boolean).join('\n');
  return [
    { field: 'rehearsal', body: join((e) => e.what) },
    { field: 'feedback', body: join((e) => e.feedback) },
    { field: 'reflection', body: join((e) => e.reflection) },
  ];
}

/** The cycle's measure and tags, when this is the newest meeting of its cycle. */
async function cycleTexts(db: Kysely<Database>, meetingId: string): Promise<SearchText[]> {
  const newest = await newestMeetingOfCycleOf(db, meetingId);
  if (newest?.meetingId !== meetingId) return [];
  const cycle = await db
    .selectFrom('cycles')
    .select(['measure_what', 'focus_tag', 'ecf_area'])
    .where('id', '=', newest.cycleId)
    .executeTakeFirst();
  if (!cycle) return [];
  const area = cycle.ecf_area ? (ECF_AREA_LABELS[cycle.ecf_area as EcfArea] ?? cycle.ecf_area) : '';
  return [
    { field: 'measure', body: cycle.measure_what ?? '' },
    { field: 'tags', body: [cycle.focus_tag ?? '', area].filter(Boolean).join('\n') },
  ];
}

async function newestMeetingOfCycleOf(
  db: Kysely<Database>,
  meetingId: string,
): Promise<{ cycleId: string; meetingId: string } | null> {
  const own = await db
    .selectFrom('meeting_coaching')
    .select('cycle_id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!own) return null;
  const id = await newestMeetingOfCycle(db, own.cycle_id);
  return id ? { cycleId: own.cycle_id, meetingId: id } : null;
}

/** The newest meeting of a cycle (where its facts are indexed), or null. */
export async function newestMeetingOfCycle(db: Kysely<Database>, cycleId: string): Promise<string | null> {
  const row = await db
    .selectFrom('meeting_coaching as mc')
    .innerJoin('meetings as m', 'm.id', 'mc.meeting_id')
    .select('m.id')
    .where('mc.cycle_id', '=', cycleId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
