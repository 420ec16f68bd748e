/**
 * The shape of `tandem-export.json`, the machine-readable half of the archive
 * that `GET /api/me/export` returns: everything Tandem keeps that the caller
 * may see. Versioned so a future shape can be told apart.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema, RoleSchema } from './api.js';
import { SECTION_IDS, type SectionId } from './sections.js';

export const ACCOUNT_EXPORT_FORMAT = 'tandem-export';
export const ACCOUNT_EXPORT_VERSION = 1;
/** The JSON file's name inside the archive. */
export const ACCOUNT_EXPORT_JSON = 'tandem-export.json';

const SectionIdSchema = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);

export const ExportedMeetingSchema = z.object({
  id: IdSchema,
  title: z.string(),
  createdAt: z.string(),
  createdBy: PersonSchema,
  endedAt: z.string().nullable(),
  /** The Markdown file for this meeting inside the archive. */
  file: z.string(),
  /** The five sections in page order, as plain text (blocks separated by newlines). */
  sections: z.array(z.object({ id: SectionIdSchema, title: z.string(), text: z.string() })),
});
export type ExportedMeeting = z.infer<typeof ExportedMeetingSchema>;

export const ExportedPartnershipSchema = z.object({
  id: IdSchema,
  myRole: RoleSchema,
  coach: PersonSchema,
  teacher: PersonSchema,
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** Oldest first. */
  meetings: z.array(ExportedMeetingSchema),
});
export type ExportedPartnership = z.infer<typeof ExportedPartnershipSchema>;

export const AccountExportSchema = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(ACCOUNT_EXPORT_VERSION),
  exportedAt: z.string(),
  account: z.object({ id: IdSchema, name: z.string(), email: z.string(), createdAt: z.string() }),
  /** Where you are signed in (the secret tokens themselves are never stored). */
  sessions: z.array(z.object({ createdAt: z.string(), expiresAt: z.string() })),
  /** Invitations you made, used or not (the links themselves are never stored). */
  invitations: z.array(
    z.object({
      myRole: RoleSchema,
      createdAt: z.string(),
      expiresAt: z.string(),
      acceptedAt: z.string().nullable(),
      partnershipId: IdSchema.nullable(),
    }),
  ),
  /** Newest first, like the home page. */
  partnerships: z.array(ExportedPartnershipSchema),
});
export type AccountExport = z.infer<typeof AccountExportSchema>;
