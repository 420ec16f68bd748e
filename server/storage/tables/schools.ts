/**
 * Kysely table types for schools: members, invitations, persistent problems,
 * partnerships' links, and models. Timestamps are ISO-8601 strings (UTC);
 * `../schema.ts` puts the tables together.
 */

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
