/**
 * Encoding of the `MESSAGE_SAVED` acknowledgement (see collabProtocol.ts):
 * varUint count, then `count` pairs of varUint (clientId, clock); then,
 * optionally, varUint count and `count` triples of varUint
 * (clientId, clock, length): the deletions the stored updates carried.
 *
 * Deletions move no Yjs clock, so the clocks alone cannot say that a
 * deletion-only change (a Backspace) is stored; the ranges can.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_SAVED } from './collabProtocol.js';

/** Items `clock` .. `clock + len - 1` of client `client` were deleted. */
export interface DeletedRange {
  client: number;
  clock: number;
  len: number;
}

export interface SavedAck {
  /** Per Yjs client id, the clock below which its changes are stored. */
  clocks: Map<number, number>;
  /** Deletions that are stored. */
  deleted: DeletedRange[];
}

/** Writes a complete saved message (type included). */
export function encodeSavedMessage({ clocks, deleted }: SavedAck): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, clocks.size);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  if (deleted.length > 0) {
    encoding.writeVarUint(encoder, deleted.length);
    for (const { client, clock, len } of deleted) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a saved message (after its type). */
export function decodeSavedBody(decoder: decoding.Decoder): SavedAck {
  const clocks = new Map<number, number>();
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    clocks.set(client, decoding.readVarUint(decoder));
  }
  const deleted: DeletedRange[] = [];
  if (decoding.hasContent(decoder)) {
    const ranges = decoding.readVarUint(decoder);
    for (let i = 0; i < ranges; i++) {
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      deleted.push({ client, clock, len: decoding.readVarUint(decoder) });
    }
  }
  return { clocks, deleted };
}
