/**
 * The deliberate practice log: rehearsals of the cycle's strategy (when, what
 * was practised, the feedback), added by either partner from a meeting, and
 * the teacher's reflection on each. Kept as server rows rather than in the
 * shared document so each entry is validated (a real date, bounded text) and
 * the reflection can be the teacher's alone.
 */
import { randomUUID } from 'node:crypto';
import type { AddPracticeRequest } from '../../../shared/coaching.js';
import { errors } from '../../errors.js';
import type { CoachingDeps } from './coachingDeps.js';
import { assertMayWriteReflection } from './cyclePolicies.js';
import { announce, ensureMeetingCoaching, requireOpenMeeting } from './meetingCoaching.js';

/** Either partner adds a rehearsal to the meeting's cycle; only the teacher may include a reflection. */
export async function addPractice(deps: CoachingDeps, userId: string, meetingId: string, entry: AddPracticeRequest) {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  if (entry.reflection) assertMayWriteReflection(access.role);
  const row = await ensureMeetingCoaching(deps, access);
  await deps.db
    .insertInto('practice_entries')
    .values({
      id: randomUUID(),
      cycle_id: row.cycle_id,
      meeting_id: meetingId,
      practised_on: entry.practisedOn,
      what: entry.what,
      feedback: entry.feedback ?? '',
      reflection: entry.reflection ?? '',
      added_by: userId,
      added_at: deps.now().toISOString(),
    })
    .execute();
  return announce(deps, access);
}

/** The teacher writes (or rewrites) their reflection on a rehearsal. */
export async function setReflection(
  deps: CoachingDeps,
  userId: string,
  meetingId: string,
  entryId: string,
  reflection: string,
) {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  const row = await ensureMeetingCoaching(deps, access);
  const entry = await deps.db
    .selectFrom('practice_entries')
    .select('id')
    .where('id', '=', entryId)
    .where('cycle_id', '=', row.cycle_id)
    .executeTakeFirst();
  if (!entry) throw errors.notFound('That rehearsal');
  assertMayWriteReflection(access.role);
  await deps.db.updateTable('practice_entries').set({ reflection }).where('id', '=', entryId).execute();
  return announce(deps, access);
}
