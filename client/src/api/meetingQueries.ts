/**
 * A meeting and its partnership, read at the same time: the meeting by its id,
 * the partnership out of the list of the person's partnerships (which also fills
 * each partnership's own entry in the cache), so neither waits for the other.
 */
import { queryOptions, useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Meeting, Partnership } from '../../../shared/api.js';
import { fetchMeeting, fetchPartnerships } from './endpoints.js';
import { ApiError } from './http.js';
import { queryKeys } from './queryKeys.js';

export const meetingQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.meeting(id), queryFn: () => fetchMeeting(id) });

export const partnershipsQuery = (client: QueryClient) =>
  queryOptions({
    queryKey: queryKeys.partnerships(),
    queryFn: async () => {
      const list = await fetchPartnerships();
      for (const p of list) client.setQueryData(queryKeys.partnership(p.id), p);
      return list;
    },
  });

export type MeetingAndPartnership =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: { meeting: Meeting; partnership: Partnership } };

export function useMeetingAndPartnership(id: string): MeetingAndPartnership {
  const client = useQueryClient();
  const [meeting, partnerships] = useQueries({ queries: [meetingQuery(id), partnershipsQuery(client)] });
  // What was read stays shown when reading it again fails (offline, say).
  if (meeting.data !== undefined && partnerships.data !== undefined) {
    const partnership = partnerships.data.find((p) => p.id === meeting.data.partnershipId);
    if (partnership) return { status: 'ready', data: { meeting: meeting.data, partnership } };
    if (partnerships.isFetching) return { status: 'loading' };
    return { status: 'error', error: new ApiError(404, 'not_found', 'That partnership was not found.') };
  }
  if (meeting.data === undefined && meeting.isError) return { status: 'error', error: meeting.error };
  if (partnerships.data === undefined && partnerships.isError) return { status: 'error', error: partnerships.error };
  return { status: 'loading' };
}
