/**
 * Whether a meeting is finished, kept live: the meeting is the cached one
 * (../api/meetingQueries.ts), replaced by what the server answers to finish and
 * reopen, changed by `meeting:finished` and `meeting:reopened` from the partner
 * (../realtime/queryBridge.ts), and read again when the tab comes back or the
 * collaboration socket was closed because the meeting was finished. When the
 * meeting is open again, a socket closed for that reason reconnects.
 */
import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Meeting } from '../../../shared/api.js';
import { CloseCode } from '../../../shared/closeCodes.js';
import { finishMeeting, reopenMeeting } from '../api/finishing.js';
import { meetingQuery } from '../api/meetingQueries.js';
import { queryKeys } from '../api/queryKeys.js';
import type { MeetingConnection } from '../collab/meetingConnection.js';

export interface Finishing {
  meeting: Meeting;
  finished: boolean;
  /** Finish for both partners. */
  finish: MeetingCommand;
  /** Reopen for editing. */
  reopen: MeetingCommand;
}

/** A command on the meeting, answered with the meeting as it now is. */
export type MeetingCommand = UseMutationResult<Meeting, Error, void>;

export function useFinishing(
  initial: Meeting,
  connection: MeetingConnection | null,
  closeCode: number | null,
): Finishing {
  const id = initial.id;
  const queryClient = useQueryClient();
  const meeting = useQuery(meetingQuery(id)).data ?? initial;
  const open = meeting.finishedAt === null;

  // A no-op unless the server closed our socket because the meeting was finished.
  useEffect(() => {
    if (open) connection?.resumeAfterReopen();
  }, [open, connection]);

  // Closed because the meeting was finished: show it finished now, and reconnect
  // at once if it has been reopened since (an event we may have missed).
  useEffect(() => {
    if (closeCode === CloseCode.MeetingFinished) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.meeting(id), exact: true });
    }
  }, [closeCode, id, queryClient]);

  const onSuccess = (next: Meeting) => {
    queryClient.setQueryData(queryKeys.meeting(id), next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(next.partnershipId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.home() });
  };
  const finish = useMutation({ mutationFn: () => finishMeeting(id), onSuccess });
  const reopen = useMutation({ mutationFn: () => reopenMeeting(id), onSuccess });

  return { meeting, finished: !open, finish, reopen };
}
