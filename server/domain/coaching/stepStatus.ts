/**
 * Where a meeting's action step stands: its current text and date, each
 * partner's latest agreement, and whether both agreed to exactly this.
 */
import type { Kysely } from 'kysely';
import { normaliseStepText, stepHash } from '../../../shared/actionStep.js';
import type { Agreement } from '../../../shared/coaching.js';
import type { Database, PartnershipRow } from '../../storage/schema.js';
import type { CoachingDeps } from './coachingDeps.js';
import { latestPerPartner, stepAgreed } from './stepRules.js';

/** Each partner's latest agreement to the meeting's step (at most one each). */
export async function latestAgreements(
  db: Kysely<Database>,
  meetingId: string,
  partnership: PartnershipRow,
): Promise<Agreement[]> {
  const rows = await db
    .selectFrom('step_agreements as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'a.hash', 'a.agreed_at', 'u.name'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.agreed_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return latestPerPartner(rows, partnership);
}

export interface CurrentStep {
  /** Normalised text ('' when nothing is written). */
  text: string;
  dueOn: string | null;
  hash: string;
  agreed: boolean;
}

/** The meeting's step as it stands now on the server, and whether it is agreed. */
export async function currentStep(
  deps: CoachingDeps,
  meetingId: string,
  partnership: PartnershipRow,
  dueOn: string | null,
): Promise<CurrentStep> {
  const text = normaliseStepText(await deps.readSection(meetingId, 'actionStep'));
  const hash = stepHash(text, dueOn);
  const agreements = await latestAgreements(deps.db, meetingId, partnership);
  return { text, dueOn, hash, agreed: stepAgreed(text, hash, agreements) };
}
