/**
 * Where the action step stands, worded for the one reading it: who has agreed
 * to the words and date as they are now, and who still needs to. The step is
 * agreed only when both partners' latest agreements name the hash of what is
 * written now; any change since is "changed since … agreed".
 */
import { normaliseStepText, stepHash } from '../../../shared/actionStep.js';
import type { Agreement } from '../../../shared/coaching.js';
import { formatDateTime } from '../format.js';

/** agreed: both, to this; stale: someone's agreement is to older words; pending: waiting for someone. */
export type AgreementTone = 'agreed' | 'stale' | 'pending';

export interface AgreementStatus {
  /** Nothing is written yet. */
  empty: boolean;
  /** The hash of the step as the reader sees it (what "I agree" sends). */
  hash: string;
  /** The reader's latest agreement names the step as it is now. */
  iAgree: boolean;
  status: string;
  tone: AgreementTone;
}

export function agreementStatus(
  stepText: string,
  dueOn: string | null,
  agreements: Agreement[],
  myId: string,
  partnerName: string,
): AgreementStatus {
  const empty = normaliseStepText(stepText) === '';
  const hash = stepHash(stepText, dueOn);
  const mine = agreements.find((a) => a.userId === myId) ?? null;
  const theirs = agreements.find((a) => a.userId !== myId) ?? null;
  const iAgree = mine?.hash === hash;
  const theyAgree = theirs?.hash === hash;

  let status: string;
  let tone: AgreementTone;
  if (!empty && iAgree && theyAgree) {
    const when = [mine.agreedAt, theirs.agreedAt].sort().at(-1) ?? mine.agreedAt;
    status = `Agreed by you and ${partnerName} (${formatDateTime(when)}).`;
    tone = 'agreed';
  } else if (iAgree && theirs) {
    // I agreed again after a change; the partner's agreement is to the old words.
    status = `You agree to it as it is now. Changed since ${partnerName} agreed: waiting for them to agree again.`;
    // Nothing changed since my own agreement, so no "what changed since you agreed" here.
    tone = 'pending';
  } else if (mine && !iAgree) {
    status = theyAgree
      ? `Changed since you agreed. ${partnerName} agrees to it as it is now; read it again, and agree if it still stands.`
      : 'Changed since you agreed. Read it again, and agree if it still stands.';
    tone = 'stale';
  } else if (theirs && !theyAgree) {
    status = `Changed since ${partnerName} agreed. You both need to agree again.`;
    tone = 'stale';
  } else if (iAgree) {
    status = `You agree. Waiting for ${partnerName}.`;
    tone = 'pending';
  } else if (theyAgree) {
    status = `${partnerName} agrees. Do you?`;
    tone = 'pending';
  } else {
    status = empty ? 'Write the step together, then each of you can agree to it.' : 'Not agreed yet.';
    tone = 'pending';
  }
  return { empty, hash, iAgree, status, tone };
}
