/**
 * Partnerships as their partners see them: both people and the caller's role.
 * Anyone else is told the partnership does not exist.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/api.js';
import { errors } from '../../errors.js';
import type { Database, PartnershipRow } from '../../storage/schema.js';
import { roleIn } from '../access.js';

/** A partnership with both partners' names and the viewer's role in it. */
export interface PartnershipRecord {
  row: PartnershipRow;
  coachName: string;
  teacherName: string;
  /** The role of the user it was loaded for. */
  role: Role;
}

function selectWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('partnerships as p')
    .innerJoin('users as c', 'c.id', 'p.coach_id')
    .innerJoin('users as t', 't.id', 'p.teacher_id')
    .select([
      'p.id',
      'p.coach_id',
      'p.teacher_id',
      'p.created_at',
      'p.closed_at',
      'c.name as coach_name',
      't.name as teacher_name',
    ]);
}

type RowWithNames = PartnershipRow & { coach_name: string; teacher_name: string };

function toRecord(row: RowWithNames, role: Role): PartnershipRecord {
  const { coach_name, teacher_name, ...partnership } = row;
  return { row: partnership, coachName: coach_name, teacherName: teacher_name, role };
}

/** The partnership as `userId` sees it, or null when they are not one of its partners. */
export async function findPartnershipFor(
  db: Kysely<Database>,
  userId: string,
  partnershipId: string,
): Promise<PartnershipRecord | null> {
  const row = await selectWithNames(db).where('p.id', '=', partnershipId).executeTakeFirst();
  const role = row ? roleIn(row, userId) : null;
  return row && role ? toRecord(row, role) : null;
}

export class Partnerships {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every partnership the user is in, either role, newest first. */
  async list(userId: string): Promise<PartnershipRecord[]> {
    const rows = await selectWithNames(this.db)
      .where((eb) => eb.or([eb('p.coach_id', '=', userId), eb('p.teacher_id', '=', userId)]))
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id')
      .execute();
    return rows.map((row) => toRecord(row, row.coach_id === userId ? 'coach' : 'teacher'));
  }

  /** One partnership; `not_found` when it does not exist or the user is not a partner. */
  async get(userId: string, partnershipId: string): Promise<PartnershipRecord> {
    const record = await findPartnershipFor(this.db, userId, partnershipId);
    if (!record) throw errors.notFound('That partnership');
    return record;
  }
}
