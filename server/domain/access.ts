/**
 * Who may see what. A partnership and its meetings are visible only to its two
 * partners; to anyone else they do not exist (callers answer 404).
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/api.js';
import type { Database, MeetingRow, PartnershipRow } from '../storage/schema.js';

export interface PartnershipAccess {
  partnership: PartnershipRow;
  role: Role;
}

export interface MeetingAccess extends PartnershipAccess {
  meeting: MeetingRow;
}

export function roleIn(partnership: PartnershipRow, userId: string): Role | null {
  if (partnership.coach_id === userId) return 'coach';
  if (partnership.teacher_id === userId) return 'teacher';
  return null;
}

/** The partnership and the user's role in it, or null when the user is not a partner (or it does not exist). */
export async function partnershipAccess(
  db: Kysely<Database>,
  userId: string,
  partnershipId: string,
): Promise<PartnershipAccess | null> {
  const partnership = await db
    .selectFrom('partnerships')
    .selectAll()
    .where('id', '=', partnershipId)
    .executeTakeFirst();
  if (!partnership) return null;
  const role = roleIn(partnership, userId);
  return role ? { partnership, role } : null;
}

/** The meeting, its partnership and the user's role, or null when the user is not a partner of it. */
export async function meetingAccess(
  db: Kysely<Database>,
  userId: string,
  meetingId: string,
): Promise<MeetingAccess | null> {
  const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) return null;
  const access = await partnershipAccess(db, userId, meeting.partnership_id);
  return access ? { ...access, meeting } : null;
}
