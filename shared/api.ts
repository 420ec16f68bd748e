/**
 * HTTP payloads, as zod schemas parsed on both ends. The server's OpenAPI
 * document (`GET /api/openapi.json`) is generated from these.
 */
import { z } from 'zod';

export const RoleSchema = z.enum(['coach', 'teacher']);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.string().min(1).max(64);

// ---- errors -----------------------------------------------------------------

export const ErrorBodySchema = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---- people and auth ----------------------------------------------------------

export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/** Another person as a partner sees them (no email unless partners). */
export const PersonSchema = z.object({ id: IdSchema, name: z.string() });
export type Person = z.infer<typeof PersonSchema>;

/** How someone who closed their account is shown wherever their name used to be. */
export const FORMER_PARTNER_NAME = 'Former partner';

export const EmailSchema = z.string().trim().toLowerCase().email('Enter a valid email address').max(254);

export const SignupRequestSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Keep your name under 100 characters'),
  email: EmailSchema,
  password: z.string().min(10, 'Use at least 10 characters').max(200, 'Keep your password under 200 characters'),
});
export type SignupRequest = z.infer<typeof SignupRequestSchema>;

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, 'Enter your password').max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserResponseSchema = z.object({ user: UserSchema });
export type UserResponse = z.infer<typeof UserResponseSchema>;

/** Closing your account asks for your password again, so a borrowed laptop cannot do it. */
export const DeleteAccountRequestSchema = z.object({
  password: z.string().min(1, 'Enter your password to confirm').max(200),
});
export type DeleteAccountRequest = z.infer<typeof DeleteAccountRequestSchema>;

// ---- invitations ---------------------------------------------------------------

export const CreateInviteRequestSchema = z.object({
  /** The inviter's own role in the partnership to be. */
  role: RoleSchema,
  /** When given, the link is also emailed to this address (it stays on screen to copy either way). */
  email: EmailSchema.optional(),
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequestSchema>;

export const CreateInviteResponseSchema = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  /** The address the link is being emailed to, when one was given. */
  emailedTo: z.string().optional(),
});
export type CreateInviteResponse = z.infer<typeof CreateInviteResponseSchema>;

export const InviteInfoSchema = z.object({
  invite: z.object({
    inviter: PersonSchema,
    inviterRole: RoleSchema,
    expiresAt: z.string(),
  }),
});
export type InviteInfo = z.infer<typeof InviteInfoSchema>;

// ---- partnerships ----------------------------------------------------------------

export const PartnershipSchema = z.object({
  id: IdSchema,
  coach: PersonSchema,
  teacher: PersonSchema,
  /** The caller's role in this partnership. */
  myRole: RoleSchema,
  createdAt: z.string(),
  /** Set once either partner closed their account: the notes stay, no new meetings start. */
  closedAt: z.string().nullable(),
});
export type Partnership = z.infer<typeof PartnershipSchema>;

export const PartnershipResponseSchema = z.object({ partnership: PartnershipSchema });
export const PartnershipListResponseSchema = z.object({ partnerships: z.array(PartnershipSchema) });

// ---- meetings ----------------------------------------------------------------------

export const CreateMeetingRequestSchema = z.object({
  title: z.string().trim().max(120, 'Keep the title under 120 characters').optional(),
});
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequestSchema>;

export const MeetingSchema = z.object({
  id: IdSchema,
  partnershipId: IdSchema,
  title: z.string(),
  createdAt: z.string(),
  createdBy: PersonSchema,
  endedAt: z.string().nullable(),
  /** First line of the agreed next action step, as last stored. */
  actionStepPreview: z.string().nullable(),
  /** 1, 2, 3… within the partnership, in the order meetings were started. */
  number: z.number().int().positive(),
  /** False when `title` was made up from the date because none was given (see `meetingLabel`). */
  titleGiven: z.boolean(),
  /** When the meeting was finished (read-only until reopened); null while open. */
  finishedAt: z.string().nullable(),
  finishedBy: PersonSchema.nullable(),
  /** The last reopening after a finish; kept when the meeting is finished again. */
  reopenedAt: z.string().nullable(),
  reopenedBy: PersonSchema.nullable(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingResponseSchema = z.object({ meeting: MeetingSchema });
export const MeetingListResponseSchema = z.object({ meetings: z.array(MeetingSchema) });

export const HealthResponseSchema = z.object({ status: z.literal('ok') });
