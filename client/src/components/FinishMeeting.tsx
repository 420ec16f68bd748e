/**
 * Marks the meeting as finished for both partners (the notes stay editable).
 * Two steps, so a stray tap on a tablet does not end someone's meeting.
 */
import { useState } from 'react';
import type { Meeting } from '../../../shared/api.js';
import { endMeeting } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';

export function FinishMeeting({
  meetingId,
  onFinished,
}: {
  meetingId: string;
  onFinished: (meeting: Meeting) => void;
}) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState<string | null>(null);

  if (step === 'idle') {
    return (
      <button type="button" className="button button--quiet finish-button" onClick={() => setStep('confirm')}>
        Finish meeting…
      </button>
    );
  }

  return (
    <div className="finish-confirm" role="group" aria-label="Finish this meeting">
      <p>Finish this meeting for both of you? You can still add to the notes afterwards.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="finish-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={step === 'busy'}
          onClick={async () => {
            setStep('busy');
            setError(null);
            try {
              onFinished(await endMeeting(meetingId));
              setStep('idle');
            } catch (e) {
              setError(e instanceof ApiError ? e.message : 'We could not finish the meeting. Please try again.');
              setStep('confirm');
            }
          }}
        >
          Finish
        </button>
        <button type="button" className="button" onClick={() => setStep('idle')} disabled={step === 'busy'}>
          Not yet
        </button>
      </div>
    </div>
  );
}
