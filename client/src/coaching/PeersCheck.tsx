/**
 * Beside the Goal: the PEERS check, ticked by either partner and seen by both.
 * A tick shows at once (written into the cached coaching facts while the server
 * stores it); the server's answer then replaces it, and a refusal reads the
 * facts again rather than guessing what they were.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  PEERS_CRITERIA,
  type MeetingCoaching,
  type MeetingCoachingResponse,
  type PeersCriterion,
} from '../../../shared/coaching.js';
import { setPeers } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
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
  const queryClient = useQueryClient();
  const key = queryKeys.meetingCoaching(meetingId);
  const tick = useMutation({
    mutationFn: ({ criterion, checked }: { criterion: PeersCriterion; checked: boolean }) =>
      setPeers(meetingId, criterion, checked),
    onMutate: async ({ criterion, checked }) => {
      // A read under way would bring back the tick as it was.
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      queryClient.setQueryData<MeetingCoachingResponse>(key, (current) =>
        current
          ? {
              ...current,
              coaching: {
                ...current.coaching,
                peers: current.coaching.peers.map((p) => (p.criterion === criterion ? { ...p, checked } : p)),
              },
            }
          : current,
      );
    },
    onSuccess: onChange,
    onError: () => void queryClient.invalidateQueries({ queryKey: key, exact: true }),
  });
  const error = tick.isError ? errorMessage(tick.error, 'We could not save that tick.') : null;
  // The box shows the click in the same render (the cache's update reaches React a tick later, and a
  // controlled checkbox would spring back in between); the cached facts take over once stored.
  const [clicked, setClicked] = useState<Partial<Record<PeersCriterion, boolean>>>({});
  const toggle = (criterion: PeersCriterion, checked: boolean) => {
    setClicked((now) => ({ ...now, [criterion]: checked }));
    tick.mutate({ criterion, checked }, { onSettled: () => setClicked(({ [criterion]: _settled, ...rest }) => rest) });
  };
  const isChecked = (criterion: PeersCriterion) =>
    clicked[criterion] ?? coaching.peers.find((p) => p.criterion === criterion)?.checked ?? false;
  const ticked = coaching.peers.filter((p) => p.checked).length;
  return (
    <fieldset className="peers" data-testid="peers">
      <legend>
        Is it a PEERS goal? <span className="muted">({ticked} of 5)</span>
      </legend>
      <div className="peers-list">
        {PEERS_CRITERIA.map((c) => {
          return (
            <label key={c.id} className="peers-item" title={c.hint}>
              <input type="checkbox" checked={isChecked(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
              <span>{c.label}</span>
            </label>
          );
        })}
      </div>
      <Ack error={error} />
    </fieldset>
  );
}
