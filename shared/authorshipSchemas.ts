/**
 * The wire shapes of who wrote what (see authorship.ts), kept apart from the
 * Yjs code that reads authorship out of a document, so that the contracts and
 * the event map, which every page loads, do not pull Yjs into the first page.
 */
import { z } from 'zod';
import { IdSchema, RoleSchema } from './api.js';

export const AuthorSchema = z.object({
  clientId: z.number().int().nonnegative(),
  userId: IdSchema,
  role: RoleSchema,
});
export type Author = z.infer<typeof AuthorSchema>;

export const AuthorsResponseSchema = z.object({ authors: z.array(AuthorSchema) });
export type AuthorsResponse = z.infer<typeof AuthorsResponseSchema>;

/** socket.io payload: new client ids attested in a meeting. */
export const AuthorsClaimedSchema = z.object({ meetingId: IdSchema, authors: z.array(AuthorSchema) });
export type AuthorsClaimed = z.infer<typeof AuthorsClaimedSchema>;
