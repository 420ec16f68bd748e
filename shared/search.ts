/**
 * Searching every meeting of every partnership the caller is in: the query
 * (`GET /api/search?q=&limit=`), the answer, and what a match can be found in.
 * Snippets are parts marked as matching or not, never HTML, so no stored text
 * can become markup on the page.
 */
import { z } from 'zod';
import { IdSchema, RoleSchema } from './api.js';
import { SECTIONS, isSectionId, type SectionId } from './sections.js';

/** Bounds of a search, enforced by `SearchQuerySchema` and again by the server. */
export const SEARCH_LIMITS = {
  /** Longest query, in characters after trimming. Over it: 400 `validation_failed`. */
  maxQueryLength: 200,
  /** Words of a query that are looked for; later ones are ignored. */
  maxWords: 16,
  /** Most hits (one per meeting and field) one answer holds, and the default. */
  maxResults: 50,
} as const;

/** Fields that are facts kept beside the document rather than sections of it. */
export const FACT_FIELDS = ['title', 'measure', 'tags', 'rehearsal', 'feedback', 'reflection'] as const;
export type FactField = (typeof FACT_FIELDS)[number];

/** Where a match was found: a section of the notes, or one of the facts. */
export type SearchField = SectionId | FactField;

export const SEARCH_FIELDS: readonly SearchField[] = [...SECTIONS.map((s) => s.id), ...FACT_FIELDS];

/** How each field is named to people. */
export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  ...(Object.fromEntries(SECTIONS.map((s) => [s.id, s.title])) as Record<SectionId, string>),
  title: 'Meeting title',
  measure: 'Measure',
  tags: 'Focus and framework area',
  rehearsal: 'Rehearsals',
  feedback: 'Feedback on rehearsals',
  reflection: 'Reflections',
};

/** The section a field is in, or null for a fact (the meeting opens at its coaching panel). */
export function sectionOfField(field: SearchField): SectionId | null {
  return isSectionId(field) ? field : null;
}

/**
 * The words a query looks for: runs of letters, digits and combining marks,
 * as the databases' tokenizers see them. Everything else (quotes, stars,
 * colons, brackets) only separates words, so it can never become query syntax.
 */
export function searchWords(query: string): string[] {
  const words = query.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.slice(0, SEARCH_LIMITS.maxWords);
}

export const NO_SEARCH_WORDS_MESSAGE = 'Type at least one word or number to search for.';

export const SearchQuerySchema = z.object({
  q: z
    .string({ error: 'Type something to search for' })
    .trim()
    .min(1, 'Type something to search for')
    .max(SEARCH_LIMITS.maxQueryLength, `Keep a search under ${SEARCH_LIMITS.maxQueryLength} characters`)
    .refine((q) => searchWords(q).length > 0, { message: NO_SEARCH_WORDS_MESSAGE }),
  /** Query strings are text: "20" is read as 20. */
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxResults).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

/** A run of snippet text; `match` when it is one of the words searched for (shown marked). */
export const SnippetPartSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPartSchema>;

export const SearchFieldSchema = z.enum(SEARCH_FIELDS as [SearchField, ...SearchField[]]);

export const SearchHitSchema = z.object({
  field: SearchFieldSchema,
  /** The section to open the meeting at; null when the match is in a fact (measure, rehearsals...). */
  sectionId: z.enum(SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]]).nullable(),
  snippet: z.array(SnippetPartSchema),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchMeetingSchema = z.object({
  meetingId: IdSchema,
  title: z.string(),
  /** The meeting's number in its partnership; with `titleGiven`, `labelOf` names it as the page does. */
  number: z.number().int(),
  titleGiven: z.boolean(),
  /** ISO-8601; meetings are listed newest first. */
  startedAt: z.string(),
  /** In the order of the page: sections first, then facts. */
  hits: z.array(SearchHitSchema),
});
export type SearchMeeting = z.infer<typeof SearchMeetingSchema>;

export const SearchPartnershipSchema = z.object({
  partnershipId: IdSchema,
  /** The other partner, as the caller sees them ("Former partner" once they closed their account). */
  partner: z.object({ name: z.string(), role: RoleSchema }),
  /** Newest first. */
  meetings: z.array(SearchMeetingSchema),
});
export type SearchPartnership = z.infer<typeof SearchPartnershipSchema>;

export const SearchResponseSchema = z.object({
  /** The words looked for, as the server read the query. */
  words: z.array(z.string()),
  /** Partnerships ordered by their newest matching meeting. */
  partnerships: z.array(SearchPartnershipSchema),
  /** Hits returned, across all partnerships. */
  total: z.number().int(),
  /** True when there were more hits than the limit; the newest are returned. */
  truncated: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
