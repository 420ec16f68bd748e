/**
 * Attested authorship: which partner owns each Yjs client id of a meeting.
 * Only the two partners may ask.
 */
import type { Kysely } from 'kysely';
import type { Author } from '../../../shared/authorship.js';
import { errors } from '../../errors.js';
import type { Database } from '../../storage/schema.js';
import { meetingAccess, roleIn } from '../access.js';

export async function meetingAuthors(db: Kysely<Database>, userId: string, meetingId: string): Promise<Author[]> {
  const access = await meetingAccess(db, userId, meetingId);
  if (!access) throw errors.notFound('That meeting');
  const rows = await db
    .selectFrom('doc_clients')
    .select(['client_id', 'user_id'])
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute();
  return rows.flatMap((r) => {
    const role = roleIn(access.partnership, r.user_id);
    return role ? [{ clientId: Number(r.client_id), userId: r.user_id, role }] : [];
  });
}

/** Roles for newly claimed client ids (for broadcasting to the meeting). */
export async function rolesForClaims(
  db: Kysely<Database>,
  meetingId: string,
  claims: { clientId: number; userId: string }[],
): Promise<Author[]> {
  const partnership = await db
    .selectFrom('meetings')
    .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
    .selectAll('partnerships')
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!partnership) return [];
  return claims.flatMap((c) => {
    const role = roleIn(partnership, c.userId);
    return role ? [{ ...c, role }] : [];
  });
}
