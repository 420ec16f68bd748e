/**
 * Where socket.io events meet the query cache, in one place: what the server
 * announces either replaces the cached answer (the payload is the whole new
 * state) or marks answers stale so the pages that show them read them again.
 * After a reconnect every answer is read again, since events may have been
 * missed while away.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AccountServerEvent } from '../../../shared/accountMail.js';
import type { Meeting } from '../../../shared/api.js';
import type { Author } from '../../../shared/authorship.js';
import type { MeetingCoachingResponse } from '../../../shared/coaching.js';
import { CycleServerEvent } from '../../../shared/cycleEvents.js';
import { ServerEvent } from '../../../shared/events.js';
import { MeetingStateServerEvent } from '../../../shared/meetingStateEvents.js';
import { ScheduleServerEvent } from '../../../shared/schedule.js';
import { SchoolServerEvent, type PartnershipSchoolResponse } from '../../../shared/schools.js';
import { queryKeys } from '../api/queryKeys.js';
import { useSession } from '../auth/session.js';
import { useSocket } from './socket.js';
import { useServerEvent } from './useServerEvent.js';

/** Every partnership's timeline: lifecycle events name the meeting, not its partnership. */
const isTimeline = (key: readonly unknown[]) => key[0] === 'partnerships' && key[2] === 'timeline';

function meetingListsChanged(client: QueryClient) {
  void client.invalidateQueries({ queryKey: queryKeys.home() });
  void client.invalidateQueries({ predicate: (q) => isTimeline(q.queryKey) });
}

/** Changes the cached meeting, if there is one, and reads it again. */
function meetingChanged(client: QueryClient, meetingId: string, change: Partial<Meeting>) {
  const key = queryKeys.meeting(meetingId);
  client.setQueryData<Meeting>(key, (m) => (m ? { ...m, ...change } : m));
  void client.invalidateQueries({ queryKey: key, exact: true });
  meetingListsChanged(client);
}

/** Adds newly attested authors to a meeting's list; before the list has arrived, reads it (again). */
function addAuthors(client: QueryClient, meetingId: string, authors: Author[]) {
  if (authors.length === 0) return;
  const key = queryKeys.authors(meetingId);
  if (client.getQueryData(key) === undefined) {
    void client.invalidateQueries({ queryKey: key });
    return;
  }
  client.setQueryData<Author[]>(key, (current = []) => {
    const byClient = new Map(current.map((a) => [a.clientId, a]));
    for (const a of authors) byClient.set(a.clientId, a);
    return [...byClient.values()];
  });
}

/** Mounted once for a signed-in person, beside their socket. */
export function QueryBridge() {
  const client = useQueryClient();
  const socket = useSocket();
  const { session, updated } = useSession();

  useServerEvent(ServerEvent.MeetingStarted, (event) => {
    void client.invalidateQueries({ queryKey: queryKeys.home() });
    // A new meeting is a new tick on the measure's chart.
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'cycles' && q.queryKey[2] === 'measure' });
    void client.invalidateQueries({ queryKey: queryKeys.timeline(event.partnershipId) });
  });
  useServerEvent(ServerEvent.MeetingEnded, (event) =>
    meetingChanged(client, event.meetingId, { endedAt: event.endedAt }),
  );
  useServerEvent(MeetingStateServerEvent.MeetingFinished, (event) =>
    meetingChanged(client, event.meetingId, { finishedAt: event.at, finishedBy: event.by }),
  );
  useServerEvent(MeetingStateServerEvent.MeetingReopened, (event) =>
    meetingChanged(client, event.meetingId, {
      finishedAt: null,
      finishedBy: null,
      reopenedAt: event.at,
      reopenedBy: event.by,
    }),
  );
  useServerEvent(CycleServerEvent.CoachingChanged, ({ coaching }) => {
    client.setQueryData<MeetingCoachingResponse>(queryKeys.meetingCoaching(coaching.meetingId), (current) =>
      current ? { ...current, coaching } : current,
    );
    void client.invalidateQueries({ queryKey: queryKeys.home() });
  });
  useServerEvent(CycleServerEvent.CycleChanged, ({ cycle }) => {
    client.setQueriesData<MeetingCoachingResponse>(
      { predicate: (q) => q.queryKey[0] === 'meetings' && q.queryKey[2] === 'coaching' && q.queryKey.length === 3 },
      (current) => (current && current.cycle.id === cycle.id ? { ...current, cycle } : current),
    );
    void client.invalidateQueries({ queryKey: queryKeys.home() });
    void client.invalidateQueries({ queryKey: queryKeys.timeline(cycle.partnershipId) });
    // The event carries the cycle (its latest value); the values over time are read again.
    void client.invalidateQueries({ queryKey: queryKeys.measureValues(cycle.id) });
    void client.invalidateQueries({ queryKey: queryKeys.cycleRecord(cycle.id) });
    // The school's problem the teacher chose for the cycle, and their focus in it.
    void client.invalidateQueries({ queryKey: queryKeys.cycleProblem(cycle.id) });
  });
  useServerEvent(ScheduleServerEvent.NextMeetingChanged, ({ partnershipId, nextMeeting }) => {
    client.setQueryData(queryKeys.nextMeeting(partnershipId), nextMeeting);
    void client.invalidateQueries({ queryKey: queryKeys.home() });
  });
  // A name shows in partnerships, meetings, timelines, facts and authors: read whatever is on screen again.
  useServerEvent(AccountServerEvent.PersonRenamed, ({ userId, name }) => {
    if (session.status === 'signedIn' && session.user.id === userId) updated({ ...session.user, name });
    void client.invalidateQueries();
  });
  useServerEvent(ServerEvent.PartnershipCreated, () => {
    void client.invalidateQueries({ queryKey: queryKeys.home() });
    void client.invalidateQueries({ queryKey: queryKeys.partnerships() });
  });
  // A partner asked, agreed, withdrew or unlinked: the link shows as it stands (what the school sees, and which
  // problems a cycle may work on, follow from it).
  useServerEvent(SchoolServerEvent.LinkChanged, ({ partnershipId, link }) => {
    client.setQueryData<PartnershipSchoolResponse>(queryKeys.partnershipSchool(partnershipId), (current) =>
      current ? { ...current, link } : current,
    );
    void client.invalidateQueries({ queryKey: queryKeys.partnershipSchool(partnershipId) });
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'cycles' && q.queryKey[2] === 'problem' });
    void client.invalidateQueries({ queryKey: queryKeys.home() });
  });
  useServerEvent(ServerEvent.AuthorsClaimed, (event) => addAuthors(client, event.meetingId, event.authors));

  useEffect(() => {
    if (socket === null) return;
    // The first connection follows the first reads; only a reconnect may have missed something.
    // A meeting's coaching facts are read again on every connection, since the room is joined
    // only once the socket is up and a change made before that would otherwise be missed.
    let connections = 0;
    const onConnect = () => {
      connections += 1;
      if (connections > 1) void client.invalidateQueries();
      else
        void client.invalidateQueries({
          predicate: (q) => q.queryKey[0] === 'meetings' && q.queryKey[2] === 'coaching',
        });
    };
    if (socket.connected) connections = 1;
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [client, socket]);

  return null;
}
