/**
 * Errors as values with a stable id and an HTTP status. Domain code throws
 * these; the HTTP error middleware and socket handlers present them.
 */
import { NO_SEARCH_WORDS_MESSAGE, SEARCH_LIMITS } from '../shared/search.js';

const SEARCH_LENGTH_MESSAGE = `Type between 1 and ${SEARCH_LIMITS.maxQueryLength} characters to search for.`;

export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  validation: (fields: Record<string, string>, message = 'Some of the details need another look.') =>
    new AppError('validation_failed', 400, message, fields),
  badRequest: (message: string) => new AppError('bad_request', 400, message),
  unauthenticated: () => new AppError('unauthenticated', 401, 'Please sign in to continue.'),
  invalidCredentials: () =>
    new AppError('invalid_credentials', 401, 'That email and password do not match an account.'),
  badOrigin: () => new AppError('bad_origin', 403, 'This request came from another website, so it was refused.'),
  forbidden: (message = 'You do not have access to this.') => new AppError('forbidden', 403, message),
  notFound: (what = 'That') => new AppError('not_found', 404, `${what} could not be found.`),
  conflict: (id: string, message: string) => new AppError(id, 409, message),
  /** A version id that is unknown, or belongs to another meeting. */
  versionNotFound: () => new AppError('version_not_found', 404, 'That version of the meeting could not be found.'),
  /** A command that would change a finished meeting's notes or facts. */
  meetingFinished: () =>
    new AppError('meeting_finished', 409, 'This meeting is finished, so it is read-only. Reopen it to make changes.'),
  alreadyFinished: () => new AppError('already_finished', 409, 'This meeting is already finished.'),
  notFinished: () => new AppError('not_finished', 409, 'This meeting is open for editing already.'),
  gone: (id: string, message: string) => new AppError(id, 410, message),
  payloadTooLarge: () => new AppError('payload_too_large', 413, 'That request is too large.'),
  /** A search with nothing to look for (only punctuation, say). */
  searchNoWords: () => new AppError('validation_failed', 400, NO_SEARCH_WORDS_MESSAGE, { q: NO_SEARCH_WORDS_MESSAGE }),
  /** A search that is empty or longer than `SEARCH_LIMITS.maxQueryLength`. */
  searchQueryLength: () => new AppError('validation_failed', 400, SEARCH_LENGTH_MESSAGE, { q: SEARCH_LENGTH_MESSAGE }),
  rateLimited: () => new AppError('rate_limited', 429, 'Too many attempts. Please wait a moment and try again.'),
  tooManyInvitationEmails: () =>
    new AppError(
      'too_many_invitation_emails',
      429,
      'That is as many invitations as we can email today. Make the link without an address and pass it on yourself.',
    ),
};

/** Internal "cannot happen" check. Throws a plain Error (a 500), never a user-facing one. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant failed: ${message}`);
}
