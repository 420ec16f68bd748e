import type { Kysely } from 'kysely';
import type { Logger } from '../../logger.js';
import type { Database } from '../../storage/schema.js';
import type { DomainEvents } from '../events.js';

/** What the schedule's parts share. `now` is injected so tests move time without waiting. */
export interface ScheduleDeps {
  db: Kysely<Database>;
  events: DomainEvents;
  logger: Logger;
  now: () => Date;
}

/** The partnership's page, where every link in a reminder or calendar entry leads. */
export function partnershipLink(baseUrl: string, partnershipId: string): string {
  return `${baseUrl}/partnerships/${encodeURIComponent(partnershipId)}`;
}
