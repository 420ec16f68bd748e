/**
 * A meeting's coaching facts and cycle, kept live: loaded over HTTP, replaced
 * whole by every `meeting:coaching` / `cycle:changed` event and by every
 * command's answer, and loaded again after a reconnect (events may have been
 * missed while away).
 */
import { useCallback, useEffect, useState } from 'react';
import type { MeetingCoaching } from '../../../shared/coaching.js';
import type { Cycle } from '../../../shared/cycle.js';
import { CycleServerEvent } from '../../../shared/cycleEvents.js';
import { fetchMeetingCoaching } from '../api/coachingEndpoints.js';
import { useSocket } from '../realtime/socket.js';
import { useServerEvent } from '../realtime/useServerEvent.js';

export interface MeetingCoachingState {
  coaching: MeetingCoaching | null;
  cycle: Cycle | null;
  error: unknown;
  /** Take a command's answer. */
  setCoaching: (coaching: MeetingCoaching) => void;
  setCycle: (cycle: Cycle) => void;
}

export function useMeetingCoaching(meetingId: string): MeetingCoachingState {
  const socket = useSocket();
  const [coaching, setCoaching] = useState<MeetingCoaching | null>(null);
  const [cycle, setCycle] = useState<Cycle | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    fetchMeetingCoaching(meetingId).then(
      (data) => {
        setCoaching(data.coaching);
        setCycle(data.cycle);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [meetingId]);

  useEffect(() => {
    load();
    if (socket === null) return;
    socket.on('connect', load);
    return () => {
      socket.off('connect', load);
    };
  }, [load, socket]);

  useServerEvent(CycleServerEvent.CoachingChanged, (event) => {
    if (event.coaching.meetingId === meetingId) setCoaching(event.coaching);
  });
  useServerEvent(CycleServerEvent.CycleChanged, (event) => {
    setCycle((current) => (current && current.id === event.cycle.id ? event.cycle : current));
  });

  const takeCoaching = useCallback(
    (next: MeetingCoaching) => {
      if (next.meetingId === meetingId) setCoaching(next);
    },
    [meetingId],
  );
  return { coaching, cycle, error, setCoaching: takeCoaching, setCycle };
}
