/**
 * What a finished meeting's room does with an incoming update. A client that
 * reconnects to a finished meeting answers the server's sync step 1 with a
 * sync step 2 that often holds nothing new (and, after a reconnect, the whole
 * delete set, already applied here): that is ignored. Anything the room does
 * not have yet is an edit made too late: it is kept aside, never applied.
 */
import * as Y from 'yjs';
import type { Decoded } from './updateDependencies.js';

/**
 * True when applying the update would change nothing: every struct is within
 * what the room accepted, and every deleted range is deleted in `doc` already.
 */
export function addsNothing(doc: Y.Doc, { structs, ds }: Decoded, accepted: ReadonlyMap<number, number>): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (accepted.get(struct.id.client) ?? 0)) return false;
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) if (!alreadyDeleted(doc, client, clock, len)) return false;
  }
  return true;
}

/** Whether every item of `client` in [clock, clock + len) exists in `doc` and is deleted. */
function alreadyDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs || len <= 0) return len <= 0;
  const last = structs[structs.length - 1];
  if (!last || clock + len > last.id.clock + last.length) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i] as Y.Item | Y.GC;
    if (struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}
