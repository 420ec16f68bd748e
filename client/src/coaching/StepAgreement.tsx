/**
 * Under "Agreed next action step": the check-back date and "I agree". The step
 * counts as agreed only when both partners' agreements name the hash of what
 * is written now (text and date); any change shows "changed since you agreed".
 */
import { useState } from 'react';
import { normaliseStepText, stepHash } from '../../../shared/actionStep.js';
import type { MeetingCoaching } from '../../../shared/coaching.js';
import { Ack } from './Ack.js';
import { setStepDue } from '../api/coachingEndpoints.js';
import { ApiError } from '../api/http.js';
import { formatDate, formatDateTime } from '../format.js';
import { ChangedSinceAgreed } from '../history/ChangedSinceAgreed.js';
import { useAgree } from './useAgree.js';

interface Props {
  meetingId: string;
  myId: string;
  partnerName: string;
  coaching: MeetingCoaching;
  /** The step's live text, from the shared document. */
  stepText: string;
  /** Everything typed here is stored on the server (so it hashes what we see). */
  saved: boolean;
  onChange: (coaching: MeetingCoaching) => void;
}

export function StepAgreement({ meetingId, myId, partnerName, coaching, stepText, saved, onChange }: Props) {
  const { dueOn, agreements } = coaching.step;
  const [dueError, setDueError] = useState<string | null>(null);
  const agree = useAgree(meetingId);
  const empty = normaliseStepText(stepText) === '';
  const hash = stepHash(stepText, dueOn);
  const mine = agreements.find((a) => a.userId === myId) ?? null;
  const theirs = agreements.find((a) => a.userId !== myId) ?? null;
  const iAgree = mine?.hash === hash;
  const theyAgree = theirs?.hash === hash;

  // Worded for the one reading it: who has agreed to the words as they are now, and who still needs to.
  let status: string;
  let tone: 'agreed' | 'stale' | 'pending';
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

  const changeDue = async (value: string) => {
    setDueError(null);
    try {
      onChange(await setStepDue(meetingId, value === '' ? null : value));
    } catch (e) {
      setDueError(e instanceof ApiError ? (e.fields.dueOn ?? e.message) : 'We could not save the date.');
    }
  };

  return (
    <div className="step-agreement" data-testid="step-agreement">
      <div className="step-due">
        <label htmlFor={`due-${meetingId}`}>Check back on</label>
        <input
          id={`due-${meetingId}`}
          type="date"
          className="field-input step-due-input"
          value={dueOn ?? ''}
          onChange={(e) => void changeDue(e.target.value)}
        />
        {dueOn && <span className="muted">{formatDate(dueOn)}</span>}
      </div>
      {dueError && (
        <p className="form-error" role="alert">
          {dueError}
        </p>
      )}
      <div className={`agreement agreement--${tone}`}>
        <p className="agreement-status" role="status" data-testid="agreement-status">
          {tone === 'agreed' && <span aria-hidden="true">✓ </span>}
          {status}
        </p>
        {!iAgree && (
          <button
            type="button"
            className="button button--primary"
            disabled={empty || !saved || agree.busy}
            title={!saved ? 'Waiting for your latest words to be saved' : undefined}
            onClick={() => void agree.send(hash)}
          >
            I agree
          </button>
        )}
      </div>
      {tone === 'stale' && <ChangedSinceAgreed meetingId={meetingId} stepText={stepText} dueOn={dueOn} />}
      <Ack error={agree.error} />
    </div>
  );
}
