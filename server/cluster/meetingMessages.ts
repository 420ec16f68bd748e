/** The messages processes send each other on a meeting's channel (lib0 encoding). */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type MeetingMessage =
  /** An update the sender stored as `rowId`, and the client ids it made `userId`'s. */
  | { kind: 'update'; from: string; rowId: number; update: Uint8Array; userId: string; claims: number[] }
  | { kind: 'awareness'; from: string; update: Uint8Array }
  /** The sender just opened the meeting: send it your connections' awareness. */
  | { kind: 'hello'; from: string }
  /** The sender may have failed to publish: read the log. */
  | { kind: 'catchUp'; from: string }
  | { kind: 'compacted'; from: string; bytesFreed: number };

const KINDS = ['update', 'awareness', 'hello', 'catchUp', 'compacted'] as const;

export function encodeMeetingMessage(message: MeetingMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KINDS.indexOf(message.kind));
  encoding.writeVarString(e, message.from);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(e, message.rowId);
      encoding.writeVarString(e, message.userId);
      encoding.writeVarUint(e, message.claims.length);
      for (const client of message.claims) encoding.writeVarUint(e, client);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'compacted':
      encoding.writeVarUint(e, Math.max(0, message.bytesFreed));
      break;
    default:
      break;
  }
  return encoding.toUint8Array(e);
}

/** Throws on a message it cannot read (only Tandem processes publish on these channels). */
export function decodeMeetingMessage(data: Uint8Array): MeetingMessage {
  const d = decoding.createDecoder(data);
  const kind = KINDS[decoding.readVarUint(d)];
  const from = decoding.readVarString(d);
  switch (kind) {
    case 'update': {
      const rowId = decoding.readVarUint(d);
      const userId = decoding.readVarString(d);
      const claims: number[] = [];
      for (let n = decoding.readVarUint(d); n > 0; n--) claims.push(decoding.readVarUint(d));
      return { kind, from, rowId, userId, claims, update: decoding.readVarUint8Array(d) };
    }
    case 'awareness':
      return { kind, from, update: decoding.readVarUint8Array(d) };
    case 'compacted':
      return { kind, from, bytesFreed: decoding.readVarUint(d) };
    case 'hello':
    case 'catchUp':
      return { kind, from };
    default:
      throw new Error('unknown meeting message');
  }
}
