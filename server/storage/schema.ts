/**
 * Table types for Kysely. Timestamps are ISO-8601 strings (UTC), which sort
 * and compare the same way on SQLite and PostgreSQL. The tables are declared by
 * concern in `tables/`; this file puts them together and is what the rest of the
 * code imports.
 */
import type { Insertable, Selectable } from 'kysely';
import type {
  UsersTable,
  SessionsTable,
  AccountTokensTable,
  AccountIdentitiesTable,
  AccountLinkRequestsTable,
} from './tables/accounts.js';
import type {
  InvitesTable,
  PartnershipsTable,
  MeetingsTable,
  DocUpdatesTable,
  DocClientsTable,
  MeetingVersionsTable,
  SearchEntriesTable,
  SearchIndexStateTable,
} from './tables/meetings.js';
import type {
  CyclesTable,
  MeasureValuesTable,
  MeetingCoachingTable,
  StepAgreementsTable,
  PeersChecksTable,
  PracticeEntriesTable,
} from './tables/coaching.js';
import type {
  SchoolsTable,
  SchoolMembersTable,
  SchoolInvitationsTable,
  SchoolProblemsTable,
  SchoolLinksTable,
  CycleProblemsTable,
  ModelsTable,
  ModelRevisionsTable,
  ModelUsesTable,
} from './tables/schools.js';
import type {
  NextMeetingsTable,
  CalendarLinksTable,
  ReminderSettingsTable,
  RemindersTable,
} from './tables/schedule.js';

export type {
  UsersTable,
  SessionsTable,
  AccountTokensTable,
  AccountIdentitiesTable,
  AccountLinkRequestsTable,
  InvitesTable,
  PartnershipsTable,
  MeetingsTable,
  DocUpdatesTable,
  DocClientsTable,
  MeetingVersionsTable,
  SearchEntriesTable,
  SearchIndexStateTable,
  CyclesTable,
  MeasureValuesTable,
  MeetingCoachingTable,
  StepAgreementsTable,
  PeersChecksTable,
  PracticeEntriesTable,
  SchoolsTable,
  SchoolMembersTable,
  SchoolInvitationsTable,
  SchoolProblemsTable,
  SchoolLinksTable,
  CycleProblemsTable,
  ModelsTable,
  ModelRevisionsTable,
  ModelUsesTable,
  NextMeetingsTable,
  CalendarLinksTable,
  ReminderSettingsTable,
  RemindersTable,
};

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
