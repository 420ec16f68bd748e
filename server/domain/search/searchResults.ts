/**
 * Shaping rows into the answer: grouped by partnership (ordered by its newest
 * matching meeting), then meeting (newest first), then field (in page order).
 */
import {
  SEARCH_FIELDS,
  sectionOfField,
  type SearchField,
  type SearchPartnership,
  type SearchResponse,
} from '../../../shared/search.js';
import type { SearchRow } from './searchQuery.js';
import { snippetParts } from './snippetParts.js';

const fieldOrder = new Map<string, number>(SEARCH_FIELDS.map((f, i) => [f, i]));

function isSearchField(field: string): field is SearchField {
  return fieldOrder.has(field);
}

/** Groups rows (already newest meeting first) into the response; `truncated` when more hits exist. */
export function groupResults(words: string[], rows: SearchRow[], truncated: boolean): SearchResponse {
  const partnerships = new Map<string, SearchPartnership>();
  let total = 0;
  for (const row of rows) {
    // An entry written by a newer indexer than this code knows is left out rather than mislabelled.
    if (!isSearchField(row.field)) continue;
    let group = partnerships.get(row.partnership_id);
    if (!group) {
      group = {
        partnershipId: row.partnership_id,
        partner: { name: row.partner_name, role: row.partner_role },
        meetings: [],
      };
      partnerships.set(row.partnership_id, group);
    }
    let meeting = group.meetings.at(-1);
    if (meeting?.meetingId !== row.meeting_id) {
      meeting = {
        meetingId: row.meeting_id,
        title: row.title,
        number: Number(row.number),
        titleGiven: Boolean(Number(row.title_given)),
        startedAt: row.created_at,
        hits: [],
      };
      group.meetings.push(meeting);
    }
    meeting.hits.push({ field: row.field, sectionId: sectionOfField(row.field), snippet: snippetParts(row.snippet) });
    total++;
  }
  for (const group of partnerships.values()) {
    for (const meeting of group.meetings) {
      meeting.hits.sort((a, b) => (fieldOrder.get(a.field) ?? 0) - (fieldOrder.get(b.field) ?? 0));
    }
  }
  return { words, partnerships: [...partnerships.values()], total, truncated };
}
