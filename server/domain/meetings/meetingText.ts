/**
 * Reading a section's current plain text on the server, from its own copy of
 * the meeting's document: the stored update log is written before any update
 * is relayed or acknowledged, so it is never behind what a partner has seen.
 * Built as a function so a reader of the live room can replace it.
 */
import { sectionText } from '../../../shared/docText.js';
import type { SectionId } from '../../../shared/sections.js';
import type { DocumentStore } from '../../storage/documentStore.js';

/** The plain text of one section of a meeting's document as it stands now. */
export type SectionReader = (meetingId: string, sectionId: SectionId) => Promise<string>;

export function storedSectionReader(documents: Pick<DocumentStore, 'read'>): SectionReader {
  // The live room's copy when the meeting is open, else the kept copy brought up to date with the log.
  return async (meetingId, sectionId) => sectionText(await documents.read(meetingId), sectionId);
}

/** The first non-empty line of some text, or null. */
export function firstLine(text: string, maxLength = 200): string | null {
  const line = text.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) return null;
  const trimmed = line.trim();
  return trimmed.length > maxLength ? `${trimmed.slice(0, maxLength - 1)}…` : trimmed;
}

/** How many recent meetings to look through for a section still in force (a new meeting starts empty). */
export const LOOKBACK_MEETINGS = 3;

/**
 * The first line of a section in the newest of `meetingIds` (newest first) that
 * has it written: until a new meeting rewrites the goal, the last one stands.
 */
export async function latestWrittenLine(
  read: SectionReader,
  meetingIds: string[],
  sectionId: SectionId,
): Promise<string | null> {
  for (const id of meetingIds.slice(0, LOOKBACK_MEETINGS)) {
    const line = firstLine(await read(id, sectionId));
    if (line !== null) return line;
  }
  return null;
}
