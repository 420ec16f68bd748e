/**
 * Checks a Yjs update for the shapes `Y.applyUpdate` assumes but
 * `Y.decodeUpdate` does not check. Yjs trusts its peers; a hostile client can
 * send an update that decodes cleanly yet throws half-way through being
 * applied (a zero-length deletion, an item whose origin lies in its own
 * future). Stored and relayed, it would crash the server's copy and leave the
 * partners' copies disagreeing. Found by `tests/integration/fuzz.test.ts`.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

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

/**
 * For a sync step 2 or update frame that decodes, the broken invariant (or
 * null when there is none). Frames that do not decode are left to
 * `protocol.ts`, which refuses them as malformed.
 */
export function brokenUpdate(frame: Uint8Array): string | null {
  if (frame[0] !== MESSAGE_SYNC) return null;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    const subtype = decoding.readVarUint(decoder);
    if (subtype !== SYNC_STEP_2 && subtype !== SYNC_UPDATE) return null;
    decoded = Y.decodeUpdate(decoding.readVarUint8Array(decoder));
  } catch {
    return null;
  }
  try {
    checkUpdateInvariants(decoded);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
