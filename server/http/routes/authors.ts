/** Attested authorship of a meeting's notes (who owns which Yjs client id). */
import { API } from '../../../shared/contract/index.js';
import { meetingAuthors } from '../../domain/meetings/authorship.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function authorRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.authors, async ({ user, params }) => ({
    authors: await meetingAuthors(services.db, user.id, params.id),
  }));
}
