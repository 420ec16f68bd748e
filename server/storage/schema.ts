/**
 * Table types for Kysely. Timestamps are ISO-8601 strings (UTC), which sort
 * and compare the same way on SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  /** Lower-cased. */
  email: string;
  password_hash: string;
  created_at: string;
  /** Set when the person closed their account; the row is then anonymised. */
  deleted_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only in the cookie. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface InvitesTable {
  /** SHA-256 of the invite token. */
  id: string;
  inviter_id: string;
  inviter_role: 'coach' | 'teacher';
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  partnership_id: string | null;
}

export interface PartnershipsTable {
  id: string;
  coach_id: string;
  teacher_id: string;
  created_at: string;
  /** Set when either partner closed their account: notes stay, no new meetings. */
  closed_at: string | null;
}

export interface MeetingsTable {
  id: string;
  partnership_id: string;
  title: string;
  created_by: string;
  created_at: string;
  ended_at: string | null;
  action_step_preview: string | null;
}

/** Append-only log of Yjs updates per meeting; compaction replaces a prefix by one row. */
export interface DocUpdatesTable {
  id: Generated<number>;
  meeting_id: string;
  data: Uint8Array;
  /** The authenticated user whose connection sent it; null for a compacted row. */
  user_id: string | null;
  created_at: string;
}

/** The user whose authenticated connection first wrote with a Yjs client id, per meeting. */
export interface DocClientsTable {
  meeting_id: string;
  client_id: number;
  user_id: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  partnerships: PartnershipsTable;
  meetings: MeetingsTable;
  doc_updates: DocUpdatesTable;
  doc_clients: DocClientsTable;
}

export type UserRow = Selectable<UsersTable>;
export type PartnershipRow = Selectable<PartnershipsTable>;
export type MeetingRow = Selectable<MeetingsTable>;
export type InviteRow = Selectable<InvitesTable>;
export type NewDocUpdate = Insertable<DocUpdatesTable>;
