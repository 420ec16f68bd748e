/**
 * A meeting's coaching facts and cycle, kept live: one query, replaced by every
 * `meeting:coaching` / `cycle:changed` event (../realtime/queryBridge.ts) and by
 * every command's answer, and read again after a (re)connection, since events
 * may have been missed while away.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MeetingCoaching, MeetingCoachingResponse } from '../../../shared/coaching.js';
import type { Cycle } from '../../../shared/cycle.js';
import { fetchMeetingCoaching } from '../api/coachingEndpoints.js';
import { queryKeys } from '../api/queryKeys.js';

export interface MeetingCoachingState {
  coaching: MeetingCoaching | null;
  cycle: Cycle | null;
  error: unknown;
  /** Take a command's answer. */
  setCoaching: (coaching: MeetingCoaching) => void;
  setCycle: (cycle: Cycle) => void;
}

export function useMeetingCoaching(meetingId: string): MeetingCoachingState {
  const queryClient = useQueryClient();
  const key = queryKeys.meetingCoaching(meetingId);
  const query = useQuery({ queryKey: key, queryFn: () => fetchMeetingCoaching(meetingId) });

  const setCoaching = useCallback(
    (coaching: MeetingCoaching) => {
      if (coaching.meetingId !== meetingId) return;
      queryClient.setQueryData<MeetingCoachingResponse>(queryKeys.meetingCoaching(meetingId), (current) =>
        current ? { ...current, coaching } : current,
      );
    },
    [meetingId, queryClient],
  );
  const setCycle = useCallback(
    (cycle: Cycle) => {
      queryClient.setQueryData<MeetingCoachingResponse>(queryKeys.meetingCoaching(meetingId), (current) =>
        current && current.cycle.id === cycle.id ? { ...current, cycle } : current,
      );
    },
    [meetingId, queryClient],
  );

  return {
    coaching: query.data?.coaching ?? null,
    cycle: query.data?.cycle ?? null,
    error: query.error,
    setCoaching,
    setCycle,
  };
}
