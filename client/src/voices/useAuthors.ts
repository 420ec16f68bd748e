/**
 * The server-attested owner of each Yjs client id in this meeting, kept live:
 * loaded once, then added to as the server announces new ones.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../shared/api.js';
import { AuthorsResponseSchema, type Author } from '../../../shared/authorship.js';
import { ServerEvent } from '../../../shared/events.js';
import { request } from '../api/http.js';
import { useServerEvent } from '../realtime/useServerEvent.js';

export type RoleOf = (client: number) => Role | undefined;

export function useAuthors(meetingId: string): { roleOf: RoleOf; version: number } {
  const [authors, setAuthors] = useState<Map<number, Author>>(() => new Map());

  const add = useCallback((list: Author[]) => {
    if (list.length === 0) return;
    setAuthors((current) => {
      const next = new Map(current);
      for (const a of list) next.set(a.clientId, a);
      return next;
    });
  }, []);

  useEffect(() => {
    let cancelled = false;
    request('GET', `/api/meetings/${encodeURIComponent(meetingId)}/authors`, AuthorsResponseSchema).then(
      (res) => {
        if (!cancelled) add(res.authors);
      },
      // Colours are a view on the notes; without them the notes still work, so this is not an alarm.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [meetingId, add]);

  useServerEvent(ServerEvent.AuthorsClaimed, (payload) => {
    if (payload.meetingId === meetingId) add(payload.authors);
  });

  const roleOf = useCallback<RoleOf>((client) => authors.get(client)?.role, [authors]);
  return { roleOf, version: authors.size };
}
