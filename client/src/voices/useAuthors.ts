/**
 * The server-attested owner of each Yjs client id in this meeting, kept live:
 * one query, added to as the server announces new ones (../realtime/queryBridge.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Role } from '../../../shared/api.js';
import { fetchAuthors } from '../api/endpoints.js';
import { queryKeys } from '../api/queryKeys.js';

export type RoleOf = (client: number) => Role | undefined;

export function useAuthors(meetingId: string): { roleOf: RoleOf; version: number } {
  // Colours are a view on the notes; without them the notes still work, so a failure is not shown.
  const { data } = useQuery({ queryKey: queryKeys.authors(meetingId), queryFn: () => fetchAuthors(meetingId) });
  const authors = useMemo(() => new Map((data ?? []).map((a) => [a.clientId, a.role])), [data]);
  const roleOf = useCallback<RoleOf>((client) => authors.get(client), [authors]);
  return { roleOf, version: authors.size };
}
