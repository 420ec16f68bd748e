/**
 * What a Yjs update needs that the server may not have yet. Yjs keeps an
 * update whose structs start past what it knows of their client, or point at
 * items it has never seen, as "pending"; and copies that received such updates
 * in different orders can disagree about them for good. A partner could use
 * that to hide the other partner's next words from the server: written after
 * something only their own screen had, they would never be integrated.
 *
 * So the room stores and relays only updates whose every dependency it
 * already holds (or has accepted and is storing), and holds the others back
 * until what they need has arrived. An honest client needs this too: after a
 * reconnect its next keystroke can arrive before its sync step 2, which
 * carries what that keystroke builds on.
 */
import * as Y from 'yjs';

export type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Per client, the clock the accepted updates reach once `update` is added, or
 * null when it depends on something not in `accepted` (a gap in a client's
 * history, an origin or parent never seen, a deletion of items that do not
 * exist yet).
 */
export function reachAfter(
  { structs, ds }: Decoded,
  accepted: ReadonlyMap<number, number>,
): Map<number, number> | null {
  const after = new Map<number, number>();
  const known = (client: number) => after.get(client) ?? accepted.get(client) ?? 0;
  // Structs come grouped by client, each group in clock order: each must start within what is known.
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (clock > known(client)) return null;
    const end = clock + struct.length;
    if (end > known(client)) after.set(client, end);
  }
  const exists = (id: Y.ID | null) => id === null || id.clock < known(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    if (!exists(struct.origin) || !exists(struct.rightOrigin) || !exists(parent)) return null;
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) if (clock + len > known(client)) return null;
  }
  return after;
}
