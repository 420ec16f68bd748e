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

/** A link sent by email that acts on an account (see `domain/accounts/accountTokens.ts`). */
export interface AccountTokensTable {
  /** The link's public half, to find the row. */
  selector: string;
  /** SHA-256 (hex) of the link's secret half; compared in constant time. */
  verifier_hash: string;
  user_id: string;
  purpose: 'password_reset' | 'email_change' | 'account_closure';
  /** The address to move to (`email_change` only), lower-cased. */
  new_email: string | null;
  created_at: string;
  expires_at: string;
  /** Set when the link was used (or made void by a later one); it works once. */
  used_at: string | null;
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

/** An Impact Cycle of a partnership. Enumerations are stored as their shared string values. */
export interface CyclesTable {
  id: string;
  partnership_id: string;
  status: 'active' | 'met' | 'set_aside';
  phase: 'identify' | 'learn' | 'improve';
  goal_status: 'draft' | 'set';
  goal_set_at: string | null;
  goal_set_by: string | null;
  measure_what: string | null;
  measure_baseline: number | null;
  measure_target: number | null;
  measure_latest: number | null;
  measure_latest_on: string | null;
  focus_tag: string | null;
  ecf_area: string | null;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  closed_by: string | null;
}

/** A value recorded for a cycle's measure; the cycle's `measure_latest` is the latest of them. */
export interface MeasureValuesTable {
  id: string;
  cycle_id: string;
  value: number;
  /** `YYYY-MM-DD`, the day it was counted. */
  measured_on: string;
  recorded_by: string;
  recorded_at: string;
  corrected_by: string | null;
  corrected_at: string | null;
}

/** One row per meeting: its cycle and the coaching facts kept beside its document. */
export interface MeetingCoachingTable {
  meeting_id: string;
  cycle_id: string;
  approach: string | null;
  approach_by: string | null;
  approach_at: string | null;
  /** The previous meeting, whose action step was carried into this one. */
  carried_from: string | null;
  carried_text: string | null;
  carried_due_on: string | null;
  /** 1 when both partners had agreed to the carried step as it stood. */
  carried_agreed: number;
  review_outcome: string | null;
  review_by: string | null;
  review_at: string | null;
  step_due_on: string | null;
}

/** A partner's agreement to the action step whose hash (text and date) is `hash`. */
export interface StepAgreementsTable {
  id: string;
  meeting_id: string;
  user_id: string;
  hash: string;
  agreed_at: string;
}

export interface PeersChecksTable {
  meeting_id: string;
  criterion: string;
  /** 0 or 1. */
  checked: number;
  updated_by: string;
  updated_at: string;
}

export interface PracticeEntriesTable {
  id: string;
  cycle_id: string;
  meeting_id: string;
  practised_on: string;
  what: string;
  feedback: string;
  reflection: string;
  added_by: string;
  added_at: string;
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

/** A school running a coaching programme. */
export interface SchoolsTable {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
}

export interface SchoolMembersTable {
  school_id: string;
  user_id: string;
  /** A `SchoolRole` of `shared/schools.ts`: lead, coach or member. */
  role: string;
  joined_at: string;
}

/** A revocable link to join a school as a coach or a member; only the token's hash is kept. */
export interface SchoolInvitationsTable {
  id: string;
  token_hash: string;
  school_id: string;
  role: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

/** A whole-school persistent problem, written by the lead. */
export interface SchoolProblemsTable {
  id: string;
  school_id: string;
  title: string;
  symptoms: string;
  why_it_matters: string;
  /** `open` or `closed`. */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A partnership's link to a school: counted only once `linked_at` is set (both partners consented). */
export interface SchoolLinksTable {
  partnership_id: string;
  school_id: string;
  coach_consented_at: string | null;
  teacher_consented_at: string | null;
  linked_at: string | null;
  created_at: string;
}

/** The persistent problem a cycle works on, and the teacher's own focus within it. */
export interface CycleProblemsTable {
  cycle_id: string;
  problem_id: string;
  focus: string | null;
  set_by: string;
  set_at: string;
}

/**
 * A school's model: a strategy its coaches wrote. `problem_ids` and `tags` are JSON arrays of strings.
 * `revision` counts every change; `model_revisions` keeps each one whole.
 */
export interface ModelsTable {
  id: string;
  school_id: string;
  name: string;
  key_moves: string;
  done_well: string;
  practice_activity: string;
  action_steps: string;
  problem_ids: string;
  tags: string;
  revision: number;
  retired_at: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** One change to a model (written, edited, retired, restored), with the whole content after it as JSON. */
export interface ModelRevisionsTable {
  model_id: string;
  revision: number;
  change: string;
  content: string;
  edited_by: string;
  edited_at: string;
}

/** A model used in a meeting (once per meeting and model); counted by the programme for linked partnerships. */
export interface ModelUsesTable {
  id: string;
  model_id: string;
  meeting_id: string;
  partnership_id: string;
  cycle_id: string | null;
  used_at: string;
  used_by: string;
}

/** A person at an OpenID Connect provider (issuer and subject), tied to an account. */
export interface AccountIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
}

/** A provider sign-in waiting for its person to prove they own the password account with the same email. */
export interface AccountLinkRequestsTable {
  /** SHA-256 of the token in the browser's link cookie. */
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  created_at: string;
  expires_at: string;
  /** SHA-256 of the token in the emailed link; replaced by each new email. */
  email_token_hash: string | null;
  email_sent_at: string | null;
  /** Wrong passwords tried against this request. */
  password_failures: Generated<number>;
  /** Set once the identity is linked; a request links once. */
  used_at: string | null;
}

/** When a partnership next means to meet; no row when nothing is scheduled. */
export interface NextMeetingsTable {
  partnership_id: string;
  /** ISO-8601 instant (UTC). */
  starts_at: string;
  set_by: string;
  set_at: string;
}

/** A person's private calendar link: only the SHA-256 of its token is kept. */
export interface CalendarLinksTable {
  user_id: string;
  token_hash: string;
  created_at: string;
}

/** Which reminder emails a person gets (defaults apply without a row). */
export interface ReminderSettingsTable {
  user_id: string;
  /** 0 or 1. */
  meeting_day_before: number;
  /** 0 or 1. */
  check_back: number;
  time_zone: string;
  updated_at: string;
}

/** A reminder email due at `due_at`: claimed (`claimed_at`) by one tick, then `sent_at` once handled. */
export interface RemindersTable {
  id: string;
  /** `kind:subject:user`, unique: one due reminder per person and thing. */
  key: string;
  /** A `ReminderKind` (shared/schedule.ts). */
  kind: string;
  user_id: string;
  partnership_id: string;
  /** The meeting whose step is checked back on (check-back reminders). */
  meeting_id: string | null;
  /** The meeting's instant, or the check-back date (`YYYY-MM-DD`). */
  about: string;
  due_at: string;
  claimed_at: string | null;
  sent_at: string | null;
  /** `sent`, `switched_off` or `gone` once handled. */
  outcome: string | null;
  attempts: Generated<number>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  invites: InvitesTable;
  partnerships: PartnershipsTable;
  meetings: MeetingsTable;
  doc_updates: DocUpdatesTable;
  doc_clients: DocClientsTable;
  cycles: CyclesTable;
  meeting_coaching: MeetingCoachingTable;
  measure_values: MeasureValuesTable;
  step_agreements: StepAgreementsTable;
  peers_checks: PeersChecksTable;
  practice_entries: PracticeEntriesTable;
  meeting_versions: MeetingVersionsTable;
  search_entries: SearchEntriesTable;
  search_index_state: SearchIndexStateTable;
  schools: SchoolsTable;
  school_members: SchoolMembersTable;
  school_invitations: SchoolInvitationsTable;
  school_problems: SchoolProblemsTable;
  school_links: SchoolLinksTable;
  cycle_problems: CycleProblemsTable;
  models: ModelsTable;
  model_revisions: ModelRevisionsTable;
  model_uses: ModelUsesTable;
  account_identities: AccountIdentitiesTable;
  account_link_requests: AccountLinkRequestsTable;
  next_meetings: NextMeetingsTable;
  calendar_links: CalendarLinksTable;
  reminder_settings: ReminderSettingsTable;
  reminders: RemindersTable;
}

export type UserRow = Selectable<UsersTable>;
export type PartnershipRow = Selectable<PartnershipsTable>;
export type MeetingRow = Selectable<MeetingsTable>;
export type InviteRow = Selectable<InvitesTable>;
export type AccountTokenRow = Selectable<AccountTokensTable>;
export type NewDocUpdate = Insertable<DocUpdatesTable>;
export type CycleRow = Selectable<CyclesTable>;
export type MeetingCoachingRow = Selectable<MeetingCoachingTable>;
export type MeasureValueRow = Selectable<MeasureValuesTable>;
export type MeetingVersionRow = Selectable<MeetingVersionsTable>;
