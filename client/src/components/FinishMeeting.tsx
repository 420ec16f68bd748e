/**
 * The meeting's main action: finish it for both partners. The server keeps the
 * meeting as it stands as a named version and the notes turn read-only until
 * one of you reopens it. Two steps, so a stray tap on a tablet does not finish
 * someone's meeting.
 */
import { useState } from 'react';
import { errorMessage } from '../api/errorMessage.js';
import styles from '../finishing/finishing.module.css';

export function FinishMeeting({ partnerName, onFinish }: { partnerName: string; onFinish: () => Promise<void> }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState<string | null>(null);

  if (step === 'idle') {
    return (
      <button
        type="button"
        className={`button button--primary ${styles.finishButton}`}
        onClick={() => setStep('confirm')}
      >
        Finish meeting
      </button>
    );
  }

  return (
    <div className="finish-confirm" role="group" aria-label="Finish this meeting">
      <p>
        Finish this meeting for you and {partnerName}? The notes are kept as they are now and become read-only. Either
        of you can reopen them later.
      </p>
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
              await onFinish();
              setStep('idle');
            } catch (e) {
              setError(errorMessage(e, 'We could not finish the meeting. Please try again.'));
              setStep('confirm');
            }
          }}
        >
          {step === 'busy' ? 'Finishing…' : 'Yes, finish it'}
        </button>
        <button type="button" className="button" onClick={() => setStep('idle')} disabled={step === 'busy'}>
          Not yet
        </button>
      </div>
    </div>
  );
}
