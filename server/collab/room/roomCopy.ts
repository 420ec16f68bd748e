/**
 * A room's copy of its meeting's document: the copy a room that unloaded
 * moments ago handed to the read cache, if it is still there (someone who
 * leaves and comes back, or reconnects over and over, costs no rebuild of the
 * document), else a fresh one; then brought up to date from the stored log.
 */
import * as Y from 'yjs';
import { isMeetingFinished } from '../../domain/meetings/finishing.js';
import type { Services } from '../../services.js';
import type { StoredDocument } from '../../storage/documentStore.js';
import { applyInSlices } from '../../storage/slices.js';

/** A copy for a new room, and the last stored row already in it when a kept copy was taken over (0 for a fresh copy). */
export function takeCopy(meetingId: string, services: Pick<Services, 'documents'>): { doc: Y.Doc; keptUpTo: number } {
  const kept = services.documents.take(meetingId);
  return { doc: kept?.doc ?? new Y.Doc(), keptUpTo: kept?.lastId ?? 0 };
}

/**
 * Reads the stored log and whether the meeting is finished (told to `finished` before anything is
 * applied), starts watching the partnership's storage, then applies to `doc` the rows after `keptUpTo`.
 * Resolves with what was read.
 */
export async function loadCopy(
  meetingId: string,
  doc: Y.Doc,
  keptUpTo: number,
  services: Pick<Services, 'documents' | 'db' | 'quotas' | 'logger'>,
  finished: (finished: boolean) => void,
): Promise<StoredDocument> {
  const [stored, isFinished] = await Promise.all([
    services.documents.load(meetingId),
    isMeetingFinished(services.db, meetingId),
    services.quotas.watch(meetingId),
  ]);
  finished(isFinished);
  // A row at a time, giving other meetings their turn: nobody reads this copy until it is loaded. A kept
  // copy already holds the rows up to `keptUpTo` (applying them again would change nothing, at a cost).
  const toApply = stored.updates.filter((_, i) => (stored.ids[i] ?? 0) > keptUpTo);
  await applyInSlices(doc, toApply, (err) => {
    // Updates are validated before they are stored, so this means damage on disk: keep the rest.
    services.logger.error('collab', 'skipped an unreadable stored update', { meetingId, err });
  });
  return stored;
}
