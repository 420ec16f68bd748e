/**
 * Counts the parts of a Yjs update (structs and deleted ranges) without
 * building them, stopping as soon as the count passes a bound. What it costs
 * the server to decode, store, apply and later re-read an update grows with
 * its parts, not only its bytes: a 1 MiB update of 100,000 one-character
 * items takes seconds to apply, the same bytes of pasted text a millisecond.
 * So a frame is refused on its parts before anything decodes it fully.
 *
 * Reads the v1 update format (what y-websocket sends): per client, the struct
 * count, client and clock, then each struct (GC, Skip or Item with its
 * content); then the delete set. Anything it cannot read throws, like
 * `Y.decodeUpdate` would.
 */
import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;

/** Skips a length-prefixed string or buffer without decoding it. */
function skipBuf(decoder: decoding.Decoder): void {
  decoding.readVarUint8Array(decoder);
}

function skipContent(decoder: decoding.Decoder, ref: number): void {
  switch (ref) {
    case 1: // deleted
      decoding.readVarUint(decoder);
      return;
    case 2: // JSON: strings
    case 8: {
      // any
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) {
        if (ref === 2) skipBuf(decoder);
        else decoding.readAny(decoder);
      }
      return;
    }
    case 3: // binary
    case 4: // string
    case 5: // embed (JSON string)
      skipBuf(decoder);
      return;
    case 6: // format: key, JSON
      skipBuf(decoder);
      skipBuf(decoder);
      return;
    case 7: {
      // type; XmlElement and XmlHook carry a name
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === 3 || typeRef === 5) skipBuf(decoder);
      else if (typeRef > 6) throw new Error(`unknown type ${typeRef}`);
      return;
    }
    case 9: // sub-document: guid, options
      skipBuf(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new Error(`unknown content ${ref}`);
  }
}

/**
 * The number of structs plus deleted ranges in `update`, or `max + 1` as soon
 * as it has seen more than `max` (the rest is not read).
 */
export function countUpdateParts(update: Uint8Array, max: number): number {
  const decoder = decoding.createDecoder(update);
  let parts = 0;
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(decoder);
    if (parts + structs > max) return max + 1;
    decoding.readVarUint(decoder); // client
    decoding.readVarUint(decoder); // clock
    for (let s = 0; s < structs; s++) {
      const info = decoding.readUint8(decoder);
      parts++;
      if (info === 10 || (info & BITS5) === 0) {
        decoding.readVarUint(decoder); // Skip or GC length
        continue;
      }
      if (info & BIT8) {
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
      }
      if (info & BIT7) {
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
      }
      if ((info & (BIT7 | BIT8)) === 0) {
        if (decoding.readVarUint(decoder) === 1) skipBuf(decoder);
        else {
          decoding.readVarUint(decoder);
          decoding.readVarUint(decoder);
        }
        if (info & BIT6) skipBuf(decoder);
      }
      skipContent(decoder, info & BITS5);
    }
  }
  const deleteClients = decoding.readVarUint(decoder);
  for (let c = 0; c < deleteClients; c++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    parts += ranges;
    if (parts > max) return max + 1;
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
  }
  return parts;
}

/** Structs in a document's store: a few array lengths, however large the document. */
export function countStructs(doc: Y.Doc): number {
  let n = 0;
  for (const structs of doc.store.clients.values()) n += structs.length;
  return n;
}
