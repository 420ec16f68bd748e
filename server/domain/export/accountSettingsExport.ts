/**
 * The parts of the account export that are not notes: reminder settings, the
 * calendar link's date, schools and sign-in providers, and for each
 * partnership its next meeting and school link. Read-only; no secret (token,
 * hash, provider subject) is included.
 */
import type { Kysely } from 'kysely';
import type { AccountExport, ExportedPartnership } from '../../../shared/accountExport.js';
import type { SchoolRole } from '../../../shared/schools.js';
import type { Database } from '../../storage/schema.js';
import { readNextMeeting } from '../schedule/nextMeetings.js';
import { readSettings } from '../schedule/reminderSettings.js';
import { linkRowOf, presentLink } from '../schools/schoolLinks.js';

type AccountParts = Pick<AccountExport, 'reminders' | 'calendarLink' | 'schools' | 'signInProviders'>;
type PartnershipParts = Pick<ExportedPartnership, 'nextMeeting' | 'school'>;

export async function accountParts(db: Kysely<Database>, userId: string): Promise<AccountParts> {
  const [reminders, calendar, schools, identities] = await Promise.all([
    readSettings(db, userId),
    db.selectFrom('calendar_links').select('created_at').where('user_id', '=', userId).executeTakeFirst(),
    db
      .selectFrom('school_members as m')
      .innerJoin('schools as s', 's.id', 'm.school_id')
      .select(['s.id', 's.name', 'm.role', 'm.joined_at'])
      .where('m.user_id', '=', userId)
      .orderBy('m.joined_at')
      .execute(),
    db
      .selectFrom('account_identities')
      .select(['issuer', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    reminders,
    calendarLink: calendar ? { createdAt: calendar.created_at } : null,
    schools: schools.map((s) => ({ id: s.id, name: s.name, myRole: s.role as SchoolRole, joinedAt: s.joined_at })),
    signInProviders: identities.map((i) => ({ issuer: i.issuer, linkedAt: i.created_at })),
  };
}

export async function partnershipParts(
  db: Kysely<Database>,
  partnershipId: string,
  now: () => Date,
): Promise<PartnershipParts> {
  const [nextMeeting, link] = await Promise.all([
    readNextMeeting({ db, now }, partnershipId),
    linkRowOf(db, partnershipId),
  ]);
  return { nextMeeting, school: link ? presentLink(link) : null };
}
