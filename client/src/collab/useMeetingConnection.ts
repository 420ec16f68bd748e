/**
 * Opens a meeting's live connection while the page shows it, and gives the
 * editors a provider factory with a stable identity: CollaborationPlugin
 * treats a new factory as a new provider and would reconnect on every render.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { ProviderFactory } from '../editor/SectionEditor.js';
import { CloseCode } from '../../../shared/closeCodes.js';
import { SECTIONS } from '../../../shared/sections.js';
import { fetchMeeting } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';
import { MeetingConnection, type ConnectionSnapshot, type Rebase } from './meetingConnection.js';
import { offlineCopyName } from './offlineCopies.js';
import { markSent, markUnsent } from './unsentNotes.js';

/** Asks the HTTP API whether we may still open this meeting, as a close code when we may not. */
async function accessCloseCode(meetingId: string): Promise<number | null> {
  try {
    await fetchMeeting(meetingId);
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) return null;
    if (error.status === 401) return CloseCode.Unauthenticated;
    if (error.status === 403) return CloseCode.Forbidden;
    if (error.status === 404) return CloseCode.NotFound;
    return null;
  }
}

const IDLE: ConnectionSnapshot = {
  status: 'connecting',
  closeCode: null,
  loaded: false,
  saved: true,
  keptOnDevice: false,
};
const noopSubscribe = () => () => undefined;
const idleSnapshot = () => IDLE;

/**
 * @param userId Whose copy of the meeting this device keeps (one per person, for shared laptops).
 * @param title The meeting's title, to name it if sign-out has to ask about unsent notes.
 */
export function useMeetingConnection(
  meetingId: string | null,
  userId: string,
  title = '',
): {
  connection: MeetingConnection | null;
  snapshot: ConnectionSnapshot;
  providerFactory: ProviderFactory | null;
} {
  const [connection, setConnection] = useState<MeetingConnection | null>(null);

  useEffect(() => {
    if (meetingId === null) return;
    let current: MeetingConnection | null = null;
    const open = (rebase?: Rebase) => {
      current = new MeetingConnection(meetingId, {
        probe: () => accessCloseCode(meetingId),
        offlineCopyName: offlineCopyName(userId, meetingId),
        editors: SECTIONS.length,
        rebase,
        // Our client id was taken with unsent words under it: a new connection (and, keyed by its
        // generation, new editors) takes over, and destroys the old one once it has read its doc.
        onRebase: open,
      });
      setConnection(current);
    };
    // The connection opens a socket, so it is made here (once per mount, cleaned up
    // below) rather than during render, and handed to render through state.
    open();
    return () => {
      current?.destroy();
      setConnection(null);
    };
  }, [meetingId, userId]);

  const snapshot = useSyncExternalStore(
    connection?.subscribe ?? noopSubscribe,
    connection?.getSnapshot ?? idleSnapshot,
  );

  // Closing the tab with changes the server has not stored, and that this device
  // could not keep either, would lose them: ask first.
  const unsaved = !snapshot.saved && !snapshot.keptOnDevice;
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);

  // Remember, beyond this tab, that this device holds words the server has not got (see unsentNotes.ts).
  const onlyHere = !snapshot.saved && snapshot.keptOnDevice;
  const storedAll = snapshot.saved && snapshot.status === 'live';
  useEffect(() => {
    if (meetingId === null) return;
    if (onlyHere) markUnsent({ userId, meetingId, title });
    else if (storedAll) markSent(userId, meetingId);
  }, [meetingId, userId, title, onlyHere, storedAll]);

  const factory = useCallback(
    (id: string, yjsDocMap: Map<string, Y.Doc>) => {
      if (connection === null) throw new Error('providerFactory called before the meeting connection exists');
      // Every section's binding id maps to the one meeting document.
      yjsDocMap.set(id, connection.doc);
      return connection.hub.handle();
    },
    [connection],
  );

  return { connection, snapshot, providerFactory: connection === null ? null : factory };
}
