/**
 * Everything Tandem keeps that a person may see, gathered for them: their
 * account, sessions and invitations, and each partnership they are in with
 * every meeting's five sections as text, read from the stored document. Only
 * partnerships the caller is a partner of are read; nothing else is touched.
 */
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { ACCOUNT_EXPORT_FORMAT, ACCOUNT_EXPORT_VERSION, type AccountExport } from '../../../shared/accountExport.js';
import { sectionText } from '../../../shared/docText.js';
import { SECTIONS } from '../../../shared/sections.js';
import { errors } from '../../errors.js';
import type { DocumentStore } from '../../storage/documentStore.js';
import type { Database } from '../../storage/schema.js';
import { meetingFileName } from './exportArchive.js';
import { Partnerships } from '../partnerships/partnerships.js';

/** What an export needs; a `Services` object fits. */
export interface ExportDeps {
  db: Kysely<Database>;
  documents: Pick<DocumentStore, 'load'>;
  now?: () => Date;
}

/** The five sections of a stored meeting document as plain text, in page order. */
async function meetingSections(documents: ExportDeps['documents'], meetingId: string) {
  const stored = await documents.load(meetingId);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return SECTIONS.map((s) => ({ id: s.id, title: s.title, text: sectionText(doc, s.id) }));
  } finally {
    doc.destroy();
  }
}

export async function collectExport(deps: ExportDeps, userId: string): Promise<AccountExport> {
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

  const partnerships: AccountExport['partnerships'] = [];
  for (const record of await new Partnerships(db).list(userId)) {
    const { row } = record;
    const meetings = await db
      .selectFrom('meetings as m')
      .innerJoin('users as u', 'u.id', 'm.created_by')
      .select(['m.id', 'm.title', 'm.created_at', 'm.created_by', 'm.ended_at', 'u.name as creator_name'])
      .where('m.partnership_id', '=', row.id)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute();
    const coach = { id: row.coach_id, name: record.coachName };
    const teacher = { id: row.teacher_id, name: record.teacherName };
    const partner = record.role === 'coach' ? teacher : coach;
    const exported: AccountExport['partnerships'][number] = {
      id: row.id,
      myRole: record.role,
      coach,
      teacher,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      meetings: [],
    };
    for (const m of meetings) {
      exported.meetings.push({
        id: m.id,
        title: m.title,
        createdAt: m.created_at,
        createdBy: { id: m.created_by, name: m.creator_name },
        endedAt: m.ended_at,
        file: meetingFileName(partner.name, row.id, m),
        sections: await meetingSections(deps.documents, m.id),
      });
    }
    partnerships.push(exported);
  }

  return {
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
  };
}
