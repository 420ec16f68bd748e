/**
 * The warnings on a partnership's home card, both partners alike: coaching has
 * gone quiet (no meeting for more than `QUIET_AFTER_DAYS`, counted from the
 * partnership's start until the first one), and the last action step carried
 * into a meeting was never looked back on once that meeting was over.
 */
import { QUIET_AFTER_DAYS, type HomeWarning } from '../../../shared/home.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest meeting that carried a step in from the one before. */
export interface StepCarrier {
  meetingId: string;
  /** When that meeting was ended, or null while it is going on. */
  endedAt: string | null;
  /** Whether someone answered "did it happen?". */
  reviewed: boolean;
}

export interface WarningFacts {
  now: Date;
  partnershipCreatedAt: string;
  /** The newest meeting, or null before the first. */
  latestMeeting: { id: string; createdAt: string } | null;
  /** The latest meeting that carried a step, or null when none has. */
  carrier: StepCarrier | null;
}

/**
 * True when the carried step has no answer and its moment has passed: a later
 * meeting has started, or the meeting carrying it has ended.
 */
export function stepNeverReviewed(carrier: StepCarrier | null, latestMeetingId: string | null): boolean {
  if (!carrier || carrier.reviewed) return false;
  return carrier.meetingId !== latestMeetingId || carrier.endedAt !== null;
}

export function homeWarnings(facts: WarningFacts): HomeWarning[] {
  const warnings: HomeWarning[] = [];
  const since = Date.parse(facts.latestMeeting?.createdAt ?? facts.partnershipCreatedAt);
  if (facts.now.getTime() - since > QUIET_AFTER_DAYS * DAY_MS) warnings.push('quiet');
  if (facts.latestMeeting && stepNeverReviewed(facts.carrier, facts.latestMeeting.id)) {
    warnings.push('step_not_reviewed');
  }
  return warnings;
}
