/**
 * Reading and writing y-websocket frames (sync = 0, awareness = 1,
 * queryAwareness = 3) without touching a document. Decoding failures throw
 * `MalformedMessage`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits.js';
import type { DeletedRange } from '../../shared/savedMessage.js';
import { checkUpdateInvariants } from './updates/updateInvariants.js';
import { countUpdateParts } from './updates/updateSize.js';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export class MalformedMessage extends Error {}

/** An update with more parts (structs and deleted ranges) than `LIMITS.maxUpdateItems`. */
export class TooManyParts extends Error {}

export type IncomingMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /**
   * An update (sync step 2 or update); `clocks` is, per client, the clock after
   * its last struct, and `deleted` the deletions it carries.
   */
  | {
      kind: 'update';
      update: Uint8Array;
      /** The update decoded, for the room's dependency check. */
      decoded: ReturnType<typeof Y.decodeUpdate>;
      clocks: Map<number, number>;
      deleted: DeletedRange[];
      /** Structs plus deleted ranges: what applying and re-reading it costs. */
      parts: number;
      relayable: Uint8Array | null;
    }
  /** An update that changes nothing: nothing to store or relay. */
  | { kind: 'empty' }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' };

/** Decodes one frame, validating any Yjs update fully so nothing malformed reaches storage. */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    let message: IncomingMessage;
    if (type === MESSAGE_SYNC) {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload);
        message = { kind: 'syncStep1', stateVector: payload };
      } else if (subtype === syncProtocol.messageYjsSyncStep2 || subtype === syncProtocol.messageYjsUpdate) {
        const changes = validateUpdate(payload);
        // An update frame can be relayed as it came; a sync step 2 is re-encoded once as an update.
        message = changes
          ? {
              kind: 'update',
              update: payload,
              ...changes,
              relayable: subtype === syncProtocol.messageYjsUpdate ? frame : null,
            }
          : { kind: 'empty' };
      } else {
        throw new MalformedMessage(`unknown sync message ${subtype}`);
      }
    } else if (type === MESSAGE_AWARENESS) {
      message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { kind: 'queryAwareness' };
    } else {
      throw new MalformedMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
    return message;
  } catch (err) {
    if (err instanceof MalformedMessage || err instanceof TooManyParts) throw err;
    throw new MalformedMessage(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Fully decodes an update (structs and delete set); returns the end clock per
 * client and the deleted ranges, or null when the update changes nothing (a
 * client's sync step 2 often is).
 */
function validateUpdate(update: Uint8Array): {
  decoded: ReturnType<typeof Y.decodeUpdate>;
  clocks: Map<number, number>;
  deleted: DeletedRange[];
  parts: number;
} | null {
  // Counted first, cheaply and stopping at the bound, so a frame of 100,000 tiny items is never decoded.
  const parts = countUpdateParts(update, LIMITS.maxUpdateItems);
  if (parts > LIMITS.maxUpdateItems) throw new TooManyParts(`more than ${LIMITS.maxUpdateItems} parts`);
  const decoded = Y.decodeUpdate(update);
  // Shapes Y.applyUpdate assumes but Y.decodeUpdate does not check (found by fuzzing).
  checkUpdateInvariants(decoded);
  const { structs, ds } = decoded;
  if (structs.length === 0 && ds.clients.size === 0) return null;
  const clocks = new Map<number, number>();
  for (const struct of structs) {
    const end = struct.id.clock + struct.length;
    if (end > (clocks.get(struct.id.client) ?? 0)) clocks.set(struct.id.client, end);
  }
  const deleted: DeletedRange[] = [];
  for (const [client, items] of ds.clients) {
    for (const { clock, len } of items) deleted.push({ client, clock, len });
  }
  return { decoded, clocks, deleted, parts };
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
