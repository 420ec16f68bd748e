/** Reading the deliberate practice log of a cycle. */
import type { Kysely } from 'kysely';
import type { PracticeEntry } from '../../../shared/coaching.js';
import type { Database } from '../../storage/schema.js';

/** The cycle's rehearsals, newest first. */
export async function listPractice(db: Kysely<Database>, cycleId: string): Promise<PracticeEntry[]> {
  const rows = await db
    .selectFrom('practice_entries as p')
    .innerJoin('users as u', 'u.id', 'p.added_by')
    .selectAll('p')
    .select('u.name as added_by_name')
    .where('p.cycle_id', '=', cycleId)
    .orderBy('p.practised_on', 'desc')
    .orderBy('p.added_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    practisedOn: r.practised_on,
    what: r.what,
    feedback: r.feedback,
    reflection: r.reflection,
    addedBy: { id: r.added_by, name: r.added_by_name },
    addedAt: r.added_at,
  }));
}
