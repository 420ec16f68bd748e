/**
 * A meeting's history, as the server keeps it: versions of the whole meeting
 * (every section and the coaching facts) recorded automatically while people
 * edit and by name when something happens (finished, agreed, reopened,
 * restored, an edit kept after finishing). Payloads of the history routes.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';
import { AuthorSchema } from './authorshipSchemas.js';
import { MeetingCoachingSchema } from './coaching.js';
import { CycleSchema } from './cycle.js';
import { SECTION_IDS, type SectionId } from './sections.js';

/** Why a version was recorded. `auto` and `visit` are automatic; the rest carry a name. */
export const VERSION_KINDS = ['auto', 'visit', 'finished', 'reopened', 'agreed', 'restored', 'kept'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A section id, as a request names it. */
export const SectionIdSchema = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);

/** One version in the list: what, when, by whom (null for the server's own automatic ones). */
export const VersionSummarySchema = z.object({
  id: IdSchema,
  kind: z.enum(VERSION_KINDS),
  /** A name built by the server ("Finished by Sam Coach"); null for automatic versions. */
  name: z.string().nullable(),
  createdAt: z.string(),
  by: PersonSchema.nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** `GET /api/meetings/:id/versions`: newest first. */
export const VersionListResponseSchema = z.object({ versions: z.array(VersionSummarySchema) });
export type VersionListResponse = z.infer<typeof VersionListResponseSchema>;

/** The coaching facts as they stood: the meeting's facts and its cycle (null if it had none yet). */
export const VersionFactsSchema = z.object({
  coaching: MeetingCoachingSchema.nullable(),
  cycle: CycleSchema.nullable(),
});
export type VersionFacts = z.infer<typeof VersionFactsSchema>;

/** A run of characters written with one Yjs client id (see `shared/authorship.ts`). */
export const RunSchema = z.object({ client: z.number().int().nonnegative(), length: z.number().int().nonnegative() });

/** One section of a version: its blocks as plain lines, and per block who wrote which characters. */
export const VersionSectionSchema = z.object({
  id: SectionIdSchema,
  lines: z.array(z.string()),
  /** Per leaf block, runs of characters by client id; map client ids with `authors`. */
  runs: z.array(z.array(RunSchema)),
});
export type VersionSection = z.infer<typeof VersionSectionSchema>;

/** `GET /api/meetings/:id/versions/:versionId`: the meeting as it was. */
export const VersionResponseSchema = z.object({
  version: VersionSummarySchema,
  sections: z.array(VersionSectionSchema),
  /** Attested authors of the meeting's client ids (who wrote with each). */
  authors: z.array(AuthorSchema),
  facts: VersionFactsSchema,
  /** The document at that moment, `Y.encodeStateAsUpdate` in base64, to render it read-only. */
  state: z.string(),
});
export type VersionResponse = z.infer<typeof VersionResponseSchema>;

/** One part of a word-level difference (`shared/wordDiff.ts`). */
export const DiffPartSchema = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });

/** "Compare with now": per section, what was added and removed since the version. */
export const CompareResponseSchema = z.object({
  version: VersionSummarySchema,
  sections: z.array(
    z.object({
      id: SectionIdSchema,
      /** False when the section reads the same then and now. */
      changed: z.boolean(),
      parts: z.array(DiffPartSchema),
    }),
  ),
});
export type CompareResponse = z.infer<typeof CompareResponseSchema>;

/** `POST /api/meetings/:id/versions/:versionId/restore`. */
export const RestoreRequestSchema = z.object({ section: SectionIdSchema });
export type RestoreRequest = z.infer<typeof RestoreRequestSchema>;

/** The answer to a restore: the `restored` version recorded after the edit. */
export const RestoreResponseSchema = z.object({ version: VersionSummarySchema });
export type RestoreResponse = z.infer<typeof RestoreResponseSchema>;
