/**
 * What both cycle exports start from (the Markdown file and the cycle page): the cycle as its partners
 * see it, the partnership, and every meeting of the cycle in the order it happened.
 */
import { errors } from '../../errors.js';
import { partnershipAccess } from '../access.js';
import { exportPartnership } from './meetingMarkdown.js';
import type { ExportDeps } from './meetingRecord.js';

/** `not_found` (404) to anyone but the cycle's partners. */
export async function cycleMeetings(deps: ExportDeps, userId: string, cycleId: string) {
  // The coaching read answers `not_found` ("That cycle") to anyone who is not a partner.
  const cycle = await deps.coaching.getCycle(userId, cycleId);
  const access = await partnershipAccess(deps.db, userId, cycle.partnershipId);
  if (!access) throw errors.notFound('That cycle');
  const partnership = await exportPartnership(deps, userId, access.partnership);
  const meetings = await deps.db
    .selectFrom('meetings as m')
    .innerJoin('meeting_coaching as mc', 'mc.meeting_id', 'm.id')
    .selectAll('m')
    .where('mc.cycle_id', '=', cycleId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return { cycle, partnership, meetings };
}
