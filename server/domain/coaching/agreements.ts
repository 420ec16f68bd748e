/**
 * Agreeing to the action step. The server hashes the step from its own copy of
 * the document (text and due date) and records an agreement only when the
 * caller saw exactly that; it counts as agreed when both partners' latest
 * agreements name the current hash. Agreements are rows, never CRDT content,
 * so no client can write one for its partner.
 */
import { randomUUID } from 'node:crypto';
import type { MeetingCoaching } from '../../../shared/coaching.js';
import { errors } from '../../errors.js';
import type { CoachingDeps } from './coachingDeps.js';
import { announce, ensureMeetingCoaching, requireOpenMeeting } from './meetingCoaching.js';
import { bothAgreed } from './stepRules.js';
import { currentStep, latestAgreements } from './stepStatus.js';

const alreadyAgreed = () => errors.conflict('already_agreed', 'You have already agreed to this step as it stands.');

export async function agreeToStep(
  deps: CoachingDeps,
  userId: string,
  meetingId: string,
  hash: string,
): Promise<MeetingCoaching> {
  const access = await requireOpenMeeting(deps, userId, meetingId);
  const row = await ensureMeetingCoaching(deps, access);
  const step = await currentStep(deps, meetingId, access.partnership, row.step_due_on);
  if (step.text === '') throw errors.conflict('empty_step', 'Write the step down before agreeing to it.');
  if (hash !== step.hash) {
    throw errors.conflict('stale', 'The step has changed since you read it. Read it again, then agree.');
  }
  const mine = (await latestAgreements(deps.db, meetingId, access.partnership)).find((a) => a.userId === userId);
  if (mine?.hash === hash) throw alreadyAgreed();
  try {
    await deps.db.transaction().execute(async (trx) => {
      // Agreeing again to words agreed once before (then changed and changed back) renews that agreement.
      await trx
        .deleteFrom('step_agreements')
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', userId)
        .where('hash', '=', hash)
        .execute();
      await trx
        .insertInto('step_agreements')
        .values({ id: randomUUID(), meeting_id: meetingId, user_id: userId, hash, agreed_at: deps.now().toISOString() })
        .execute();
    });
  } catch (err) {
    // Two presses at once: the unique (meeting, user, hash) lets one through.
    const again = (await latestAgreements(deps.db, meetingId, access.partnership)).find((a) => a.userId === userId);
    if (again?.hash === hash) throw alreadyAgreed();
    throw err;
  }
  // This agreement was not yet on `hash`, so if both now name it, this is the moment they came to agree.
  if (bothAgreed(await latestAgreements(deps.db, meetingId, access.partnership), hash)) {
    deps.events.emit('stepAgreed', {
      meetingId,
      partnershipId: access.partnership.id,
      at: deps.now().toISOString(),
    });
  }
  return announce(deps, access);
}
