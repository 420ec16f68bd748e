/**
 * The rules of a meeting's action step, without the database: whose agreement
 * counts (each partner's latest; people no longer in the partnership not at
 * all), when the step is agreed (both partners to exactly this text and date,
 * and something is written), and which check-back dates are in the past.
 */
import type { Agreement } from '../../../shared/coaching.js';
import type { PartnershipRow } from '../../storage/schema.js';
import { roleIn } from '../access.js';
import { earliestToday } from './coachingDeps.js';

export interface AgreementRecord {
  user_id: string;
  name: string;
  hash: string;
  agreed_at: string;
}

/** Each partner's latest agreement, from records newest first; anyone not a partner is left out. */
export function latestPerPartner(records: AgreementRecord[], partnership: PartnershipRow): Agreement[] {
  const latest = new Map<string, Agreement>();
  for (const row of records) {
    const role = roleIn(partnership, row.user_id);
    if (!role || latest.has(row.user_id)) continue;
    latest.set(row.user_id, { userId: row.user_id, name: row.name, role, hash: row.hash, agreedAt: row.agreed_at });
  }
  return [...latest.values()];
}

/** True when both partners' latest agreements name `hash`. */
export function bothAgreed(agreements: Agreement[], hash: string): boolean {
  const roles = new Set(agreements.filter((a) => a.hash === hash).map((a) => a.role));
  return roles.has('coach') && roles.has('teacher');
}

/** A step is agreed when something is written and both partners agreed to exactly it (`text` normalised). */
export function stepAgreed(text: string, hash: string, agreements: Agreement[]): boolean {
  return text !== '' && bothAgreed(agreements, hash);
}

/** True when a check-back date is before today for everyone (see `earliestToday`); no date is never past. */
export function checkBackDateIsPast(dueOn: string | null, now: Date): boolean {
  return dueOn !== null && dueOn < earliestToday(now);
}
