/**
 * Encoding of the `MESSAGE_SAVED` acknowledgement (see collabProtocol.ts):
 * varUint count, then `count` pairs of varUint (clientId, clock).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_SAVED } from './collabProtocol.js';

/** Writes a complete saved message (type included) for the given clocks. */
export function encodeSavedMessage(clocks: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, clocks.size);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a saved message (after its type) into clientId → clock. */
export function decodeSavedBody(decoder: decoding.Decoder): Map<number, number> {
  const clocks = new Map<number, number>();
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    clocks.set(client, decoding.readVarUint(decoder));
  }
  return clocks;
}
