/**
 * Payloads of the account routes that send email: forgotten passwords, changing
 * your name, password and email address. Parsed on both ends, so a person sees
 * the same words whichever side catches a mistake.
 */
import { z } from 'zod';
import { EmailSchema, IdSchema, SignupRequestSchema } from './api.js';

/** The secret of an emailed link: a selector and a verifier, both base64url. */
export const MailTokenSchema = z
  .string()
  .min(1, 'This link is incomplete. Open it from the email again.')
  .max(200, 'This link is not one of ours.');

const NewPasswordSchema = SignupRequestSchema.shape.password;
const CurrentPasswordSchema = z.string().min(1, 'Enter your current password').max(200);

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

export const PasswordResetConfirmSchema = z.object({ token: MailTokenSchema, password: NewPasswordSchema });
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirmSchema>;

export const ChangeNameRequestSchema = z.object({ name: SignupRequestSchema.shape.name });
export type ChangeNameRequest = z.infer<typeof ChangeNameRequestSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: CurrentPasswordSchema,
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const ChangeEmailRequestSchema = z.object({ email: EmailSchema, password: CurrentPasswordSchema });
export type ChangeEmailRequest = z.infer<typeof ChangeEmailRequestSchema>;

export const ChangeEmailResponseSchema = z.object({
  /** The new address, where the confirmation link was sent; the account keeps the old one until then. */
  sentTo: z.string(),
});
export type ChangeEmailResponse = z.infer<typeof ChangeEmailResponseSchema>;

export const ConfirmEmailRequestSchema = z.object({ token: MailTokenSchema });

export const ConfirmEmailResponseSchema = z.object({ email: z.string() });
export type ConfirmEmailResponse = z.infer<typeof ConfirmEmailResponseSchema>;

/** Where the link to delete the account was sent (the account's own address). */
export const AccountClosureLinkResponseSchema = z.object({ sentTo: z.string() });
export type AccountClosureLinkResponse = z.infer<typeof AccountClosureLinkResponseSchema>;
export const ConfirmAccountClosureRequestSchema = z.object({ token: MailTokenSchema });

// ---- socket.io -------------------------------------------------------------------

export const AccountServerEvent = {
  /**
   * Someone changed the name they go by: sent to their partners and their own other tabs, so every
   * screen that shows the name reads it again. Payload: `PersonRenamedSchema`.
   */
  PersonRenamed: 'person:renamed',
} as const;

export const PersonRenamedSchema = z.object({ userId: IdSchema, name: z.string() });
export type PersonRenamed = z.infer<typeof PersonRenamedSchema>;
