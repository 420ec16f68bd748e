/** Beside the Goal: the PEERS check, ticked by either partner and seen by both. */
import { useState } from 'react';
import { PEERS_CRITERIA, type MeetingCoaching, type PeersCriterion } from '../../../shared/coaching.js';
import { setPeers } from '../api/coachingEndpoints.js';
import { ApiError } from '../api/http.js';
import { Ack } from './Ack.js';

export function PeersCheck({
  meetingId,
  coaching,
  onChange,
}: {
  meetingId: string;
  coaching: MeetingCoaching;
  onChange: (coaching: MeetingCoaching) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  // Shown at once, while the server stores it; the server's answer then replaces it.
  const [pending, setPending] = useState<Partial<Record<PeersCriterion, boolean>>>({});
  const toggle = async (criterion: PeersCriterion, checked: boolean) => {
    setError(null);
    setPending((p) => ({ ...p, [criterion]: checked }));
    try {
      onChange(await setPeers(meetingId, criterion, checked));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'We could not save that tick.');
    } finally {
      setPending(({ [criterion]: _done, ...rest }) => rest);
    }
  };
  const isChecked = (criterion: PeersCriterion) =>
    pending[criterion] ?? coaching.peers.find((p) => p.criterion === criterion)?.checked ?? false;
  const ticked = coaching.peers.filter((p) => isChecked(p.criterion)).length;
  return (
    <fieldset className="peers" data-testid="peers">
      <legend>
        Is it a PEERS goal? <span className="muted">({ticked} of 5)</span>
      </legend>
      <div className="peers-list">
        {PEERS_CRITERIA.map((c) => {
          return (
            <label key={c.id} className="peers-item" title={c.hint}>
              <input type="checkbox" checked={isChecked(c.id)} onChange={(e) => void toggle(c.id, e.target.checked)} />
              <span>{c.label}</span>
            </label>
          );
        })}
      </div>
      <Ack error={error} />
    </fieldset>
  );
}
