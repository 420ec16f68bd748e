/**
 * Checks a Yjs update for the shapes `Y.applyUpdate` assumes but
 * `Y.decodeUpdate` does not check. Yjs trusts its peers; a hostile client can
 * send an update that decodes cleanly yet throws half-way through being
 * applied (a zero-length deletion, an item whose origin lies in its own
 * future). Stored and relayed, it would crash the server's copy and leave the
 * partners' copies disagreeing. Found by `tests/integration/fuzz.test.ts`.
 */
import * as Y from 'yjs';

/** Throws naming the first broken invariant of a decoded update. */
export function checkUpdateInvariants({ structs, ds }: ReturnType<typeof Y.decodeUpdate>): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    // Within one client, an item can only refer to what that client wrote before it.
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref && ref.client === client && ref.clock >= clock) throw new Error('an item refers to its own future');
    }
  }
  for (const deletions of ds.clients.values()) {
    for (const { len } of deletions) if (!(len > 0)) throw new Error('an empty deletion');
  }
}
