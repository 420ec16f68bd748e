/**
 * Kysely table types for coaching: Impact Cycles, their measures, and the coaching
 * facts kept beside each meeting. Timestamps are ISO-8601 strings (UTC);
 * `../schema.ts` puts the tables together.
 */

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
