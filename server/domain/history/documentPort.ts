/**
 * How history reaches a meeting's document without knowing about the
 * collaboration server: a port that reads the document as it stands now and
 * applies a server-made edit. The stored implementation here works on the
 * update log; the collaboration server plugs in one that uses the live room
 * when the meeting is open (`server/collab/liveDocuments.ts`).
 */
import * as Y from 'yjs';
import type { DocumentStore } from '../../storage/documentStore.js';
import type { DomainEvents } from '../events.js';

export interface MeetingDocumentPort {
  /**
   * `Y.encodeStateAsUpdate` of the meeting's document now: never behind what
   * any partner has seen (the log is written before an update is relayed).
   */
  state(meetingId: string): Promise<Uint8Array>;
  /**
   * Applies an edit the server made for `userId` with fresh Yjs client ids
   * `clientIds` (claimed for that user): stored first, then relayed to whoever
   * is connected. Resolves once it is stored.
   */
  edit(meetingId: string, update: Uint8Array, userId: string, clientIds: readonly number[]): Promise<void>;
}

/** The port over the stored log alone: right when no room holds the meeting. */
export function storedDocumentPort(documents: DocumentStore, events: DomainEvents): MeetingDocumentPort {
  return {
    async state(meetingId) {
      return Y.encodeStateAsUpdate(await documents.read(meetingId));
    },
    async edit(meetingId, update, userId, clientIds) {
      await documents.append(meetingId, update, userId, clientIds);
      events.emit('documentStored', { meetingId, userId: null });
    },
  };
}
