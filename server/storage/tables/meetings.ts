/**
 * Kysely table types for partnerships and their meetings: invites, the meeting
 * documents' update logs, versions and search entries. Timestamps are ISO-8601
 * strings (UTC); `../schema.ts` puts the tables together.
 */
import type { Generated } from 'kysely';

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
  /** Set while the meeting is finished (its notes and facts read-only); null while open. */
  finished_at: string | null;
  finished_by: string | null;
  /** The last time someone reopened it after finishing; kept when it is finished again. */
  reopened_at: string | null;
  reopened_by: string | null;
  /** 1, 2, 3… within the partnership, in the order meetings were started; unique per partnership. */
  number: number;
  /** 1 when a person gave the title, 0 when the server made it up from the date. */
  title_given: number;
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

/** A version of a meeting: its whole document and its coaching facts at one moment. */
export interface MeetingVersionsTable {
  id: string;
  meeting_id: string;
  /** One of `VERSION_KINDS` (shared/history.ts). */
  kind: string;
  /** Built by the server for named versions; null for automatic ones. */
  name: string | null;
  /** Who the version is attributed to; null for the server's own automatic versions. */
  user_id: string | null;
  created_at: string;
  /** `Y.encodeStateAsUpdate` of the document at that moment. */
  state: Uint8Array;
  /** JSON of `VersionFacts` (shared/history.ts). */
  facts: string;
}

/** One field of a meeting (a section, or a fact such as the measure) as plain text, for search. */
export interface SearchEntriesTable {
  id: Generated<number>;
  meeting_id: string;
  /** A `SearchField` of `shared/search.ts`. */
  field: string;
  body: string;
  /** The meeting's partnership as a single word, for narrowing full-text matches (never for access). */
  scope: string;
}

/** When a meeting's search entries were last rebuilt, and by which version of the indexer. */
export interface SearchIndexStateTable {
  meeting_id: string;
  indexed_at: string;
  version: number;
}
