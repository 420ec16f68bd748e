/** What the coaching-cycle commands need; built once in `services.ts`. */
import type { Kysely } from 'kysely';
import type { Person } from '../../../shared/api.js';
import type { Database } from '../../storage/schema.js';
import type { DomainEvents } from '../events.js';
import type { SectionReader } from '../meetings/meetingText.js';

export interface CoachingDeps {
  db: Kysely<Database>;
  events: DomainEvents;
  /** Reads a section's current text from the server's copy of a meeting's document. */
  readSection: SectionReader;
  now: () => Date;
}

/** Names of the given users, by id (ids that are null are ignored). */
export async function peopleById(db: Kysely<Database>, ids: (string | null)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}

/** Today's date (YYYY-MM-DD) for "is this date in the past?", generous to people west of UTC. */
export function earliestToday(now: Date): string {
  return new Date(now.getTime() - 12 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
