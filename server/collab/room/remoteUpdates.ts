/** Applying what another process stored (`REDIS_URL`): its origin, and what it added here. */
import * as Y from 'yjs';

/** The origin of updates and awareness that came from another process. */
export const REMOTE = Symbol('remote');

/**
 * Applies `update` to `doc` as remote, and returns the part that was new to
 * it (null when it added nothing: it came twice, over Redis and read back
 * from the log). Throws what `Y.applyUpdate` throws.
 */
export function applyAndCapture(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
  let added: Uint8Array | null = null;
  const capture = (change: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) added = change;
  };
  doc.on('update', capture);
  try {
    Y.applyUpdate(doc, update, REMOTE);
  } finally {
    doc.off('update', capture);
  }
  return added;
}
