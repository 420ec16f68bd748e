/**
 * Whether a meeting is finished, kept live: the page's copy of the meeting is
 * replaced by what the server answers to finish and reopen, by `meeting:finished`
 * and `meeting:reopened` from the partner, and by a fresh read when the tab comes
 * back or the collaboration socket was closed because the meeting was finished.
 * When the meeting is open again, a socket closed for that reason reconnects.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Meeting } from '../../../shared/api.js';
import { CloseCode } from '../../../shared/closeCodes.js';
import { MeetingStateServerEvent } from '../../../shared/meetingStateEvents.js';
import { finishMeeting, reopenMeeting } from '../api/finishing.js';
import { fetchMeeting } from '../api/endpoints.js';
import type { MeetingConnection } from '../collab/meetingConnection.js';
import { useRefreshOnReturn } from '../components/useRefreshOnReturn.js';
import { useServerEvent } from '../realtime/useServerEvent.js';

export interface Finishing {
  meeting: Meeting;
  finished: boolean;
  /** Finish for both partners; throws what the server said when it refused. */
  finish: () => Promise<void>;
  /** Reopen for editing; throws what the server said when it refused. */
  reopen: () => Promise<void>;
}

export function useFinishing(
  initial: Meeting,
  connection: MeetingConnection | null,
  closeCode: number | null,
): Finishing {
  const [meeting, setMeeting] = useState(initial);
  const id = initial.id;

  const apply = useCallback(
    (next: Meeting) => {
      setMeeting(next);
      // A no-op unless the server closed our socket because the meeting was finished.
      if (next.finishedAt === null) connection?.resumeAfterReopen();
    },
    [connection],
  );

  const refresh = useCallback(() => {
    fetchMeeting(id).then(apply, () => {
      // Keep what we show: the next event or return to the tab reads it again.
    });
  }, [id, apply]);

  useServerEvent(MeetingStateServerEvent.MeetingFinished, (event) => {
    if (event.meetingId !== id) return;
    setMeeting((m) => ({ ...m, finishedAt: event.at, finishedBy: event.by }));
    refresh();
  });
  useServerEvent(MeetingStateServerEvent.MeetingReopened, (event) => {
    if (event.meetingId !== id) return;
    apply({ ...meeting, finishedAt: null, finishedBy: null, reopenedAt: event.at, reopenedBy: event.by });
    refresh();
  });
  useRefreshOnReturn(refresh);

  // Closed because the meeting was finished: show it finished now, and reconnect
  // at once if it has been reopened since (an event we may have missed).
  useEffect(() => {
    if (closeCode === CloseCode.MeetingFinished) refresh();
  }, [closeCode, refresh]);

  return {
    meeting,
    finished: meeting.finishedAt !== null,
    finish: async () => apply(await finishMeeting(id)),
    reopen: async () => apply(await reopenMeeting(id)),
  };
}
