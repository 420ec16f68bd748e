/** Above "Since last time": last meeting's step, read-only, and whether it happened. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { REVIEW_LABELS, REVIEW_OUTCOMES, type MeetingCoaching, type ReviewOutcome } from '../../../shared/coaching.js';
import { setReview } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { formatDate } from '../format.js';
import { Ack } from './Ack.js';

export function SinceLastTime({
  meetingId,
  coaching,
  onChange,
}: {
  meetingId: string;
  coaching: MeetingCoaching;
  onChange: (coaching: MeetingCoaching) => void;
}) {
  const save = useMutation({
    mutationFn: (outcome: ReviewOutcome) => setReview(meetingId, outcome),
    onSuccess: onChange,
  });
  const error = save.isError ? errorMessage(save.error, 'We could not save that.') : null;
  // Shown at once, in the same render as the click, while the server stores it.
  const [pending, setPending] = useState<ReviewOutcome | null>(null);
  const { carried, review } = coaching;
  const outcomeNow = pending ?? review?.outcome ?? null;
  if (!carried) {
    return (
      <p className="carried carried--none muted" data-testid="carried-step">
        There is no step from an earlier meeting to look back on yet.
      </p>
    );
  }
  const choose = (outcome: ReviewOutcome) => {
    setPending(outcome);
    save.mutate(outcome, { onSettled: () => setPending(null) });
  };
  return (
    <div className="carried" data-testid="carried-step">
      <p className="carried-label">
        The step from {carried.fromMeetingTitle}
        {carried.dueOn ? `, to check on ${formatDate(carried.dueOn)}` : ''}
        {carried.agreed ? ' (agreed by you both)' : ' (not agreed at the time)'}:
      </p>
      <blockquote className="carried-text">{carried.text}</blockquote>
      <fieldset className="review-choice">
        <legend>Did it happen?</legend>
        {REVIEW_OUTCOMES.map((outcome) => (
          <label key={outcome} className={`pill${outcomeNow === outcome ? ' pill--on' : ''}`}>
            <input
              type="radio"
              name={`review-${meetingId}`}
              checked={outcomeNow === outcome}
              onChange={() => choose(outcome)}
            />
            {REVIEW_LABELS[outcome]}
          </label>
        ))}
        {review && <span className="muted review-by">Noted by {review.by.name}</span>}
      </fieldset>
      <Ack error={error} />
    </div>
  );
}
