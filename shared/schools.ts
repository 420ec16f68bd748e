/**
 * Schools and their coaching programme: members and roles, invitation links,
 * persistent problems, a partnership's link to a school (both partners
 * consent), the problem a cycle works on, and the programme's figures. The
 * figures are counts only: no names of teachers, no words of any note, goal,
 * step, rehearsal or reflection, no meeting ids.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';

export const SCHOOL_ROLES = ['lead', 'coach', 'member'] as const;
export type SchoolRole = (typeof SCHOOL_ROLES)[number];
export const SCHOOL_ROLE_LABELS: Record<SchoolRole, string> = {
  lead: 'Coaching lead',
  coach: 'Coach',
  member: 'Member of staff',
};
/** The roles an invitation link can give; a lead makes another lead from the members list. */
export const INVITABLE_ROLES = ['coach', 'member'] as const;

/** Fewer partnerships than this behind a figure and it is shown as "fewer than 5". */
export const SMALL_NUMBER_MINIMUM = 5;

const name = z.string().trim().min(1, 'Give the school a name').max(120, 'Keep the name under 120 characters');

export const SchoolSummarySchema = z.object({ id: IdSchema, name: z.string(), myRole: z.enum(SCHOOL_ROLES) });
export type SchoolSummary = z.infer<typeof SchoolSummarySchema>;

export const SchoolMemberSchema = z.object({
  person: PersonSchema,
  role: z.enum(SCHOOL_ROLES),
  joinedAt: z.string(),
});
export type SchoolMember = z.infer<typeof SchoolMemberSchema>;

export const SchoolInvitationSchema = z.object({
  id: IdSchema,
  role: z.enum(INVITABLE_ROLES),
  createdAt: z.string(),
});

export const SchoolSchema = SchoolSummarySchema.extend({
  members: z.array(SchoolMemberSchema),
  /** Open invitation links (the lead only; empty for everyone else). */
  invitations: z.array(SchoolInvitationSchema),
});
export type School = z.infer<typeof SchoolSchema>;

export const CreateSchoolRequestSchema = z.object({ name });
export const SchoolResponseSchema = z.object({ school: SchoolSchema });
export const SchoolListResponseSchema = z.object({ schools: z.array(SchoolSummarySchema) });

export const CreateSchoolInvitationRequestSchema = z.object({ role: z.enum(INVITABLE_ROLES) });
export const CreateSchoolInvitationResponseSchema = z.object({
  invitation: SchoolInvitationSchema,
  /** The secret for the link; shown once. */
  token: z.string(),
  url: z.string(),
});
export const SchoolInvitationSummarySchema = z.object({
  school: z.object({ id: IdSchema, name: z.string() }),
  role: z.enum(INVITABLE_ROLES),
});
export const SetSchoolRoleRequestSchema = z.object({ role: z.enum(SCHOOL_ROLES) });

// ---- persistent problems --------------------------------------------------------------

export const PROBLEM_STATUSES = ['open', 'closed'] as const;

export const ProblemSchema = z.object({
  id: IdSchema,
  title: z.string(),
  symptoms: z.string(),
  whyItMatters: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  createdAt: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

const problemText = (max: number, what: string) => z.string().trim().max(max, `Keep ${what} under ${max} characters`);
export const CreateProblemRequestSchema = z.object({
  title: problemText(160, 'the title').min(1, 'Give the problem a title'),
  symptoms: problemText(2000, 'the symptoms').default(''),
  whyItMatters: problemText(2000, 'why it matters').default(''),
});
export const UpdateProblemRequestSchema = z.object({
  title: problemText(160, 'the title').min(1, 'Give the problem a title').optional(),
  symptoms: problemText(2000, 'the symptoms').optional(),
  whyItMatters: problemText(2000, 'why it matters').optional(),
  status: z.enum(PROBLEM_STATUSES).optional(),
});
export const ProblemResponseSchema = z.object({ problem: ProblemSchema });
export const ProblemListResponseSchema = z.object({ problems: z.array(ProblemSchema) });

// ---- a cycle's problem and focus ------------------------------------------------------

export const CycleProblemResponseSchema = z.object({
  /** The school the partnership is linked to (both partners agreed); null when none. */
  school: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** The problem chosen for this cycle, and the teacher's own focus within it. */
  choice: z.object({ problem: ProblemSchema, focus: z.string().nullable() }).nullable(),
  /** The linked school's open problems, to choose from. */
  options: z.array(ProblemSchema),
});
export type CycleProblemResponse = z.infer<typeof CycleProblemResponseSchema>;
export const SetCycleProblemRequestSchema = z.object({
  problemId: IdSchema.nullable(),
  focus: z.string().trim().max(300, 'Keep your focus under 300 characters').nullable().default(null),
});

// ---- a partnership's link to a school ---------------------------------------------------

export const SchoolLinkSchema = z.object({
  school: z.object({ id: IdSchema, name: z.string() }),
  /** `pending` until both partners have agreed. */
  status: z.enum(['pending', 'linked']),
  coachAgreed: z.boolean(),
  teacherAgreed: z.boolean(),
  linkedAt: z.string().nullable(),
});
export type SchoolLink = z.infer<typeof SchoolLinkSchema>;
export const PartnershipSchoolResponseSchema = z.object({
  link: SchoolLinkSchema.nullable(),
  /** The caller's schools, which they could propose. */
  mySchools: z.array(SchoolSummarySchema),
});
export type PartnershipSchoolResponse = z.infer<typeof PartnershipSchoolResponseSchema>;
export const LinkSchoolRequestSchema = z.object({ schoolId: IdSchema });

/** What the server tells both partners when their partnership's link to a school changes. */
export const SchoolServerEvent = {
  /**
   * One partner asked to link the partnership to a school, withdrew, agreed, declined or unlinked: both
   * partners' open pages show the link as it now stands. Payload: `SchoolLinkChangedSchema` (the link's
   * state only, never any of the partnership's words).
   */
  LinkChanged: 'school:link-changed',
} as const;
export const SchoolLinkChangedSchema = z.object({ partnershipId: IdSchema, link: SchoolLinkSchema.nullable() });
export type SchoolLinkChanged = z.infer<typeof SchoolLinkChangedSchema>;

/**
 * What a school can count, in the words both partners read before agreeing.
 * `server/domain/schools/programmeQueries.ts` counts exactly these and nothing else.
 */
export const WHAT_THE_SCHOOL_COUNTS = [
  'How many meetings you have, and in which weeks.',
  'Whether each action step was agreed by you both, practised (a rehearsal was logged) and looked back on at the next meeting: yes or no, never the step itself.',
  'How many rehearsals you log, and whether a cycle ends with the goal met or set aside.',
  'Which of the school’s persistent problems your cycle works on, if you choose one.',
  'How many times you use one of the school’s models in a meeting: never what you wrote with it.',
] as const;
export const WHAT_THE_SCHOOL_NEVER_SEES = [
  'Your notes, your goal, your action steps, your rehearsals or reflections: not a word of them.',
  'Your names. The school sees totals across partnerships, never yours on its own.',
  'Any total made from fewer than 5 partnerships: it is shown only as “fewer than 5”.',
] as const;

// ---- the programme's figures -----------------------------------------------------------

/** A count, or "fewer than 5" when fewer partnerships than `SMALL_NUMBER_MINIMUM` are behind it. */
export const FigureSchema = z.union([
  z.object({ shown: z.literal(true), value: z.number() }),
  z.object({ shown: z.literal(false), fewerThan: z.literal(SMALL_NUMBER_MINIMUM) }),
]);
export type Figure = z.infer<typeof FigureSchema>;

export const FiguresSchema = z.object({
  /** Partnerships behind these figures. */
  partnerships: FigureSchema,
  meetings: FigureSchema,
  /** Meetings per partnership per fortnight, to one decimal place; null where it has no meaning (a week). */
  meetingsPerFortnight: FigureSchema.nullable(),
  /** Action steps (one per meeting) agreed by both partners, practised, looked back on: whole per cent. */
  stepsAgreedPercent: FigureSchema,
  stepsPractisedPercent: FigureSchema,
  stepsLookedBackPercent: FigureSchema,
  rehearsals: FigureSchema,
  /** Null where it has no meaning (a week). */
  rehearsalsPerCycle: FigureSchema.nullable(),
  cyclesMet: FigureSchema,
  cyclesSetAside: FigureSchema,
  /** Uses of the school's models in meetings (once per meeting and model). */
  modelsUsed: FigureSchema,
});
export type Figures = z.infer<typeof FiguresSchema>;

/** Figures per persistent problem; `problem` null gathers cycles with none chosen. */
export const ByProblemSchema = z.array(
  z.object({
    problem: z.object({ id: IdSchema, title: z.string(), status: z.enum(PROBLEM_STATUSES) }).nullable(),
    figures: FiguresSchema,
  }),
);
/** Figures per week, `weekOf` the Monday (YYYY-MM-DD). */
export const ByWeekSchema = z.array(z.object({ weekOf: z.string(), figures: FiguresSchema }));

export const PeriodSchema = z.object({ name: z.string(), from: z.string(), to: z.string() });

export const ProgrammeResponseSchema = z.object({
  school: z.object({ id: IdSchema, name: z.string() }),
  /** `school`: every linked partnership (the lead); `own`: the caller's own, as their coach. */
  scope: z.enum(['school', 'own']),
  period: PeriodSchema,
  /** Linked partnerships with a meeting this half-term. */
  active: FigureSchema,
  overall: FiguresSchema,
  byProblem: ByProblemSchema,
  byWeek: ByWeekSchema,
});
export type ProgrammeResponse = z.infer<typeof ProgrammeResponseSchema>;

export const SchoolViewResponseSchema = z.object({
  /** The link as it stands; figures are counted only once it is `linked`. */
  link: SchoolLinkSchema.nullable(),
  period: PeriodSchema,
  /** Exactly what this partnership adds to the school's figures; null when it is not linked. */
  contribution: z.object({ overall: FiguresSchema, byProblem: ByProblemSchema, byWeek: ByWeekSchema }).nullable(),
});
export type SchoolViewResponse = z.infer<typeof SchoolViewResponseSchema>;
