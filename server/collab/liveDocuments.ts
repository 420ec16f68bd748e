/**
 * The meeting document port (`domain/history/documentPort.ts`) over the live
 * rooms: reads the room's copy when the meeting is open (it is what both
 * partners see) and sends a server-made edit through the room's normal path
 * (stored, relayed, applied). With no room, it reads and appends to the stored
 * log, and a room opening meanwhile waits for that append before it loads.
 */
import * as Y from 'yjs';
import { type MeetingDocumentPort } from '../domain/history/documentPort.js';
import type { Services } from '../services.js';
import type { Room } from './room/room.js';

export function liveDocumentPort(
  rooms: ReadonlyMap<string, Room>,
  /** Work a new room for the meeting must wait for (unloads, appends made without a room). */
  pending: Map<string, Promise<void>>,
  services: Pick<Services, 'documents' | 'events'>,
): MeetingDocumentPort {
  return {
    async state(meetingId) {
      const room = rooms.get(meetingId);
      if (
        room &&
        (await room.ready.then(
          () => true,
          () => false,
        )) &&
        rooms.get(meetingId) === room
      ) {
        return Y.encodeStateAsUpdate(room.doc);
      }
      return Y.encodeStateAsUpdate(await services.documents.read(meetingId));
    },

    async edit(meetingId, update, userId, clientIds) {
      for (;;) {
        const room = rooms.get(meetingId);
        if (room) return room.applyServerEdit(update, userId, clientIds);
        const before = pending.get(meetingId);
        if (!before) break;
        await before;
      }
      const stored = services.documents.append(meetingId, update, userId, clientIds);
      const settled = stored.then(
        () => undefined,
        () => undefined,
      );
      pending.set(meetingId, settled);
      void settled.then(() => {
        if (pending.get(meetingId) === settled) pending.delete(meetingId);
      });
      await stored;
      services.events.emit('documentStored', { meetingId, userId: null });
    },
  };
}
