/**
 * Everything Tandem keeps that a person may see, gathered for them: their
 * account, sessions, invitations and settings (accountSettingsExport.ts), and each partnership they are in with its
 * cycles and every meeting's record (sections as Markdown and text, and every
 * coaching fact), plus each meeting's Markdown file. Only partnerships the
 * caller is a partner of are read; nothing else is touched.
 */
import {
  ACCOUNT_EXPORT_FORMAT,
  ACCOUNT_EXPORT_VERSION,
  type AccountExport,
  type ExportedPartnership,
} from '../../../shared/accountExport.js';
import { errors } from '../../errors.js';
import { Partnerships } from '../partnerships/partnerships.js';
import { accountParts, partnershipParts } from './accountSettingsExport.js';
import { renderMeeting } from './meetingMarkdown.js';
import { readMeetingRecord, type ExportDeps, type ExportPartnership } from './meetingRecord.js';

export type { ExportDeps } from './meetingRecord.js';

/** The export's JSON and, by path inside the archive, each meeting's Markdown. */
export interface AccountExportBundle {
  data: AccountExport;
  markdown: Record<string, string>;
}

export async function collectExport(deps: ExportDeps, userId: string): Promise<AccountExportBundle> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const account = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'created_at'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!account) throw errors.unauthenticated();

  const sessions = await db
    .selectFrom('sessions')
    .select(['created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at')
    .execute();
  const invites = await db
    .selectFrom('invites')
    .select(['inviter_role', 'created_at', 'expires_at', 'accepted_at', 'partnership_id'])
    .where('inviter_id', '=', userId)
    .orderBy('created_at')
    .execute();

  const markdown: Record<string, string> = {};
  const partnerships: ExportedPartnership[] = [];
  for (const record of await new Partnerships(db).list(userId)) {
    const { row } = record;
    const partnership: ExportPartnership = {
      id: row.id,
      myRole: record.role,
      coach: { id: row.coach_id, name: record.coachName },
      teacher: { id: row.teacher_id, name: record.teacherName },
      createdAt: row.created_at,
      closedAt: row.closed_at,
    };
    const meetings = await db
      .selectFrom('meetings')
      .selectAll()
      .where('partnership_id', '=', row.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const records = [];
    for (const m of meetings) records.push(await readMeetingRecord(deps, userId, m, partnership));
    // Listed after the meetings are read: reading a meeting's facts attaches one that predates cycles.
    const cycles = (await deps.coaching.listCycles(userId, row.id)).reverse();
    for (const meeting of records) {
      const cycle = cycles.find((c) => c.id === meeting.meeting.cycleId) ?? null;
      markdown[meeting.meeting.file] = renderMeeting(meeting, partnership, cycle, 1);
    }
    const withValues = [];
    for (const cycle of cycles) {
      withValues.push({ ...cycle, measureValues: (await deps.coaching.measureValues(userId, cycle.id)).values });
    }
    const exported: ExportedPartnership = {
      ...partnership,
      cycles: withValues,
      meetings: records.map((r) => r.meeting),
      ...(await partnershipParts(db, row.id, () => now)),
    };
    partnerships.push(exported);
  }

  const data: AccountExport = {
    format: ACCOUNT_EXPORT_FORMAT,
    version: ACCOUNT_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    account: { id: account.id, name: account.name, email: account.email, createdAt: account.created_at },
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    invitations: invites.map((i) => ({
      myRole: i.inviter_role,
      createdAt: i.created_at,
      expiresAt: i.expires_at,
      acceptedAt: i.accepted_at,
      partnershipId: i.partnership_id,
    })),
    partnerships,
    ...(await accountParts(db, userId)),
  };
  return { data, markdown };
}
