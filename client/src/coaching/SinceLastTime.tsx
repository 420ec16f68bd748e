/** Above "Since last time": last meeting's step, read-only, and whether it happened. */
import { useState } from 'react';
import { REVIEW_LABELS, REVIEW_OUTCOMES, type MeetingCoaching, type ReviewOutcome } from '../../../shared/coaching.js';
import { setReview } from '../api/coachingEndpoints.js';
import { ApiError } from '../api/http.js';
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
  const [error, setError] = useState<string | null>(null);
  // Shown at once, while the server stores it.
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
  const choose = async (outcome: ReviewOutcome) => {
    setError(null);
    setPending(outcome);
    try {
      onChange(await setReview(meetingId, outcome));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'We could not save that.');
    } finally {
      setPending(null);
    }
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
              onChange={() => void choose(outcome)}
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
