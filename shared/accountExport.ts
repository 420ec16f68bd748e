/**
 * The shape of `tandem-export.json`, the machine-readable half of the archive
 * that `GET /api/me/export` returns: everything Tandem keeps that the caller
 * may see, with every meeting's sections (as Markdown and as plain text) and
 * every coaching fact recorded beside them. Versioned so a future shape can
 * be told apart; version 2 added the facts and the Markdown; version 3 the
 * next meeting and school link of each partnership, reminder settings, the
 * calendar link, schools and sign-in providers, and each meeting's models used.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema, RoleSchema } from './api.js';
import { AgreementSchema, APPROACHES, PEERS_IDS, PracticeEntrySchema, REVIEW_OUTCOMES } from './coaching.js';
import { MeasureValueSchema } from './measure.js';
import { CycleSchema } from './cycle.js';
import { NextMeetingSchema, ReminderSettingsSchema } from './schedule.js';
import { SCHOOL_ROLES, SchoolLinkSchema } from './schools.js';
import { SECTION_IDS, type SectionId } from './sections.js';

export const ACCOUNT_EXPORT_FORMAT = 'tandem-export';
export const ACCOUNT_EXPORT_VERSION = 3;
/** The JSON file's name inside the archive. */
export const ACCOUNT_EXPORT_JSON = 'tandem-export.json';

const SectionIdSchema = z.enum(SECTION_IDS as [SectionId, ...SectionId[]]);
const Timestamp = z.string().describe('ISO-8601 date and time, UTC');
const CalendarDate = z.string().describe('A calendar date, YYYY-MM-DD');

export const ExportedSectionSchema = z.object({
  id: SectionIdSchema.describe('The section: review, currentReality, goal, modelledStrategy, practicePlan, actionStep'),
  title: z.string().describe('The section heading as shown on the page'),
  text: z.string().describe('Plain text, one line per block (paragraph, list item…), blocks separated by newlines'),
  markdown: z
    .string()
    .describe('The same text as Markdown, keeping headings (from #), bold, italic, lists; "" when empty'),
});
export type ExportedSection = z.infer<typeof ExportedSectionSchema>;

export const ExportedAgreementSchema = AgreementSchema.extend({
  matchesStep: z
    .boolean()
    .describe('True when this agreement names the step as it stands now (its text and check-back date below)'),
}).describe('A partner agreed, at agreedAt, to the step whose text and date hash to `hash`');

export const ExportedStepSchema = z.object({
  text: z.string().describe('The agreed next action step as it stands now (normalised plain text)'),
  dueOn: CalendarDate.nullable().describe('When the partners check back on it'),
  agreedByBoth: z.boolean().describe("True when both partners' latest agreements name exactly this text and date"),
  agreements: z.array(ExportedAgreementSchema).describe("Each partner's latest agreement (at most one each)"),
});

export const ExportedMeetingSchema = z.object({
  id: IdSchema,
  title: z.string(),
  number: z.number().int().nullable().describe('The meeting number within its partnership, when numbered'),
  createdAt: Timestamp,
  createdBy: PersonSchema,
  endedAt: Timestamp.nullable().describe('When a partner ended the live meeting'),
  finishedAt: Timestamp.nullable().describe('When a partner marked the meeting finished (null when open)'),
  finishedBy: PersonSchema.nullable(),
  reopenedAt: Timestamp.nullable().describe(
    'When a partner last reopened the meeting after it was finished (null if never)',
  ),
  reopenedBy: PersonSchema.nullable(),
  file: z.string().describe('The Markdown file for this meeting inside the archive'),
  cycleId: IdSchema.describe("The Impact Cycle it belongs to, in the partnership's `cycles`"),
  sections: z.array(ExportedSectionSchema).describe('The six sections in page order'),
  carried: z
    .object({
      fromMeetingId: IdSchema,
      fromMeetingTitle: z.string(),
      text: z.string().describe("The previous meeting's step, as it stood when this meeting started"),
      dueOn: CalendarDate.nullable(),
      agreed: z.boolean().describe('Whether both partners had agreed to exactly that step'),
    })
    .nullable()
    .describe('Since last time: the step carried from the previous meeting'),
  review: z
    .object({ outcome: z.enum(REVIEW_OUTCOMES), by: PersonSchema, at: Timestamp })
    .nullable()
    .describe('Since last time: whether the carried step happened (yes, partly, no)'),
  approach: z
    .object({ value: z.enum(APPROACHES), by: PersonSchema, at: Timestamp })
    .nullable()
    .describe('The coaching approach the coach used'),
  peers: z
    .array(
      z.object({
        criterion: z.enum(PEERS_IDS),
        checked: z.boolean(),
        by: PersonSchema.nullable(),
        at: Timestamp.nullable(),
      }),
    )
    .describe('The PEERS check of the goal: powerful, easy, emotionally compelling, reachable, student-focused'),
  step: ExportedStepSchema.describe('The agreed next action step, its check-back date and the agreements to it'),
  practice: z
    .array(PracticeEntrySchema)
    .describe("Rehearsals logged in this meeting, with feedback and the teacher's reflection, oldest first"),
  modelsUsed: z
    .array(z.object({ modelId: IdSchema, name: z.string(), usedAt: Timestamp, usedBy: PersonSchema }))
    .describe("Models from the school's library brought into this meeting with “Use a model”, oldest first"),
});
export type ExportedMeeting = z.infer<typeof ExportedMeetingSchema>;

export const ExportedPartnershipSchema = z.object({
  id: IdSchema,
  myRole: RoleSchema,
  coach: PersonSchema,
  teacher: PersonSchema,
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
  cycles: z
    .array(
      CycleSchema.extend({
        measureValues: z
          .array(MeasureValueSchema)
          .describe("Every value recorded for the cycle's measure, in the order counted, with who recorded it"),
      }),
    )
    .describe('Impact Cycles, oldest first: goal status, measure (what, baseline, target, latest), phase, tags'),
  meetings: z.array(ExportedMeetingSchema).describe('Oldest first'),
  nextMeeting: NextMeetingSchema.nullable().describe('The next meeting, when one is scheduled'),
  school: SchoolLinkSchema.nullable().describe(
    'The school this partnership is linked to, or asked to be: what it counts is in "What the school sees"',
  ),
});
export type ExportedPartnership = z.infer<typeof ExportedPartnershipSchema>;

export const AccountExportSchema = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(ACCOUNT_EXPORT_VERSION),
  exportedAt: Timestamp,
  account: z.object({ id: IdSchema, name: z.string(), email: z.string(), createdAt: Timestamp }),
  sessions: z
    .array(z.object({ createdAt: Timestamp, expiresAt: Timestamp }))
    .describe('Where you are signed in (the secret tokens themselves are never stored)'),
  invitations: z
    .array(
      z.object({
        myRole: RoleSchema,
        createdAt: Timestamp,
        expiresAt: Timestamp,
        acceptedAt: Timestamp.nullable(),
        partnershipId: IdSchema.nullable(),
      }),
    )
    .describe('Invitations you made, used or not (the links themselves are never stored)'),
  partnerships: z.array(ExportedPartnershipSchema).describe('Newest first, like the home page'),
  reminders: ReminderSettingsSchema.describe('Which reminder emails you get, and the time zone they use'),
  calendarLink: z
    .object({ createdAt: Timestamp })
    .nullable()
    .describe('When your private calendar link was made, if you have one (the link itself is never stored)'),
  schools: z
    .array(z.object({ id: IdSchema, name: z.string(), myRole: z.enum(SCHOOL_ROLES), joinedAt: Timestamp }))
    .describe('Schools you belong to, and your role in each'),
  signInProviders: z
    .array(z.object({ issuer: z.string(), linkedAt: Timestamp }))
    .describe('School accounts (Google, Microsoft) you sign in with'),
});
export type AccountExport = z.infer<typeof AccountExportSchema>;
