/** The coaching approach used in this meeting: the coach records it, both see it. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role } from '../../../shared/api.js';
import { APPROACH_LABELS, APPROACHES, type Approach, type MeetingCoaching } from '../../../shared/coaching.js';
import { setApproach } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { Ack } from './Ack.js';

export function ApproachPicker({
  meetingId,
  myRole,
  coaching,
  onChange,
}: {
  meetingId: string;
  myRole: Role;
  coaching: MeetingCoaching;
  onChange: (coaching: MeetingCoaching) => void;
}) {
  const save = useMutation({
    mutationFn: (approach: Approach) => setApproach(meetingId, approach),
    onSuccess: onChange,
  });
  const error = save.isError ? errorMessage(save.error, 'We could not save that.') : null;
  // Shown at once, in the same render as the click, while the server stores it.
  const [pending, setPending] = useState<Approach | null>(null);
  const current = pending ?? coaching.approach?.value ?? null;
  if (myRole !== 'coach') {
    return (
      <div className="side-block" data-testid="approach">
        <h2 className="side-title">Coaching approach</h2>
        <p className={current ? '' : 'muted'}>
          {current ? APPROACH_LABELS[current] : 'Your coach has not recorded one for this meeting.'}
        </p>
      </div>
    );
  }
  return (
    <fieldset className="side-block approach" data-testid="approach">
      <legend className="side-title">Your approach this time</legend>
      {APPROACHES.map((a) => (
        <label key={a} className={`pill${current === a ? ' pill--on' : ''}`}>
          <input
            type="radio"
            name={`approach-${meetingId}`}
            checked={current === a}
            onChange={() => {
              setPending(a);
              save.mutate(a, { onSettled: () => setPending(null) });
            }}
          />
          {APPROACH_LABELS[a]}
        </label>
      ))}
      <Ack error={error} />
    </fieldset>
  );
}
