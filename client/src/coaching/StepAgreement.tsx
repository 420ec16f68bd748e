/**
 * Under "Agreed next action step": the check-back date and "I agree". The step
 * counts as agreed only when both partners' agreements name the hash of what
 * is written now (text and date); any change shows "changed since you agreed".
 */
import { useMutation } from '@tanstack/react-query';
import type { MeetingCoaching } from '../../../shared/coaching.js';
import { Ack } from './Ack.js';
import { agreementStatus } from './agreementStatus.js';
import { setStepDue } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { formatDate } from '../format.js';
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
  const due = useMutation({
    mutationFn: (value: string) => setStepDue(meetingId, value === '' ? null : value),
    onSuccess: onChange,
  });
  const dueError = due.isError ? errorMessage(due.error, 'We could not save the date.', 'dueOn') : null;
  const agree = useAgree(meetingId);
  const { empty, hash, iAgree, status, tone } = agreementStatus(stepText, dueOn, agreements, myId, partnerName);

  return (
    <div className="step-agreement" data-testid="step-agreement">
      <div className="step-due">
        <label htmlFor={`due-${meetingId}`}>Check back on</label>
        <input
          id={`due-${meetingId}`}
          type="date"
          className="field-input step-due-input"
          value={dueOn ?? ''}
          onChange={(e) => due.mutate(e.target.value)}
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
            onClick={() => agree.send(hash)}
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
