/**
 * The meeting's main action: finish it for both partners. The server keeps the
 * meeting as it stands as a named version and the notes turn read-only until
 * one of you reopens it. Two steps, so a stray tap on a tablet does not finish
 * someone's meeting.
 */
import { useState } from 'react';
import { errorMessage } from '../api/errorMessage.js';
import styles from '../finishing/finishing.module.css';
import type { MeetingCommand } from '../finishing/useFinishing.js';

export function FinishMeeting({ partnerName, finish }: { partnerName: string; finish: MeetingCommand }) {
  const [asking, setAsking] = useState(false);
  const busy = finish.isPending;
  const error = finish.isError
    ? errorMessage(finish.error, 'We could not finish the meeting. Please try again.')
    : null;

  if (!asking && !busy) {
    return (
      <button type="button" className={`button button--primary ${styles.finishButton}`} onClick={() => setAsking(true)}>
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
          disabled={busy}
          onClick={() => finish.mutate(undefined, { onSuccess: () => setAsking(false) })}
        >
          {busy ? 'Finishing…' : 'Yes, finish it'}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)} disabled={busy}>
          Not yet
        </button>
      </div>
    </div>
  );
}
