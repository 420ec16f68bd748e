/**
 * Hostile input for the fuzz test: a seeded random source (so a failure
 * reproduces from its printed seed), valid y-websocket frames to start from,
 * mutations of them, pure noise, lying length prefixes, malformed socket.io /
 * engine.io packets, and the close code the server documents for each frame.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { SECTIONS } from '../../shared/sections.js';
import { decodeMessage, TooManyParts } from '../../server/collab/protocol.js';
import * as decoding from 'lib0/decoding';
import * as string from 'lib0/string';
import { decodeAwarenessEntries } from '../../server/collab/room/awarenessPolicy.js';
import { checkUpdateInvariants } from '../../server/collab/updates/updateInvariants.js';

import { Random } from './seededRandom.js';

export { Random };

const SYNC = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 3;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncFrame = (subtype: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, subtype);
    encoding.writeVarUint8Array(e, payload);
  });

const awarenessFrame = (payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, AWARENESS);
    encoding.writeVarUint8Array(e, payload);
  });

/**
 * Valid frames of every kind a client sends: updates (typing, deleting,
 * formatting, nested elements, map fields) as sync step 2 and as updates,
 * state vectors, awareness states and removals, awareness queries.
 */
export function validFrames(random: Random, count = 300): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    frames.push(syncFrame(random.int(4) === 0 ? 1 : 2, update));
  });
  const sections = SECTIONS.map((s) => doc.get(s.id, Y.XmlText));
  const fields = doc.getMap('fields');
  for (let i = 0; i < count; i++) {
    const section = random.pick(sections);
    const op = random.int(10);
    if (op < 5 || section.length === 0) {
      section.insert(random.int(section.length + 1), random.text(1 + random.int(12)));
    } else if (op < 7) {
      const at = random.int(section.length);
      section.delete(at, Math.min(1 + random.int(4), section.length - at));
    } else if (op < 8) {
      const at = random.int(section.length);
      section.format(at, 1 + random.int(3), { bold: random.int(2) === 0 ? true : null });
    } else if (op < 9) {
      // A node the editors can draw: typed in the same update (server/collab/updates/updateContent.ts).
      doc.transact(() => {
        const paragraph = new Y.XmlText();
        section.insertEmbed(random.int(section.length + 1), paragraph);
        paragraph.setAttribute('__type', 'paragraph');
        paragraph.insert(0, random.text(5));
      });
    } else {
      fields.set(random.pick(['date', 'approach', 'measure']), random.text(8));
    }
    if (i % 25 === 0) frames.push(syncFrame(0, Y.encodeStateVector(doc)));
  }
  frames.push(syncFrame(2, Y.encodeStateAsUpdate(doc)));

  const awareness = new awarenessProtocol.Awareness(doc);
  for (let i = 0; i < 40; i++) {
    awareness.setLocalState(
      i % 10 === 9
        ? null
        : {
            user: { name: random.text(6), color: '#aabbcc' },
            cursor: { anchor: random.int(100), head: random.int(100) },
          },
    );
    frames.push(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  }
  awareness.destroy();
  KNOWN_CLIENT_IDS.add(doc.clientID);
  frames.push(new Uint8Array([QUERY_AWARENESS]));
  doc.destroy();
  return frames;
}

/** A length that no frame can satisfy, encoded as a varUint (up to 2^53 - 1). */
function hugeLength(random: Random): number {
  return random.pick([2 ** 31, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER, LIMITS.maxMessageBytes * 2, 65_537]);
}

const MUTATIONS: ((random: Random, bytes: Uint8Array, others: readonly Uint8Array[]) => Uint8Array)[] = [
  function flipBit(random, bytes) {
    if (bytes.length === 0) return bytes;
    const out = bytes.slice();
    const at = random.int(out.length);
    out[at] = (out[at] ?? 0) ^ (1 << random.int(8));
    return out;
  },
  function setByte(random, bytes) {
    if (bytes.length === 0) return bytes;
    const out = bytes.slice();
    out[random.int(out.length)] = random.pick([0, 1, 2, 3, 0x7f, 0x80, 0xff, random.int(256)]);
    return out;
  },
  function insertBytes(random, bytes) {
    const at = random.int(bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), random.bytes(1 + random.int(8)), bytes.subarray(at)]);
  },
  function deleteBytes(random, bytes) {
    const at = random.int(bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + random.int(6))]);
  },
  function truncate(random, bytes) {
    return bytes.slice(0, random.int(bytes.length + 1));
  },
  function duplicateRange(random, bytes) {
    const at = random.int(bytes.length + 1);
    const end = Math.min(bytes.length, at + 1 + random.int(16));
    return Buffer.concat([bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end)]);
  },
  function splice(random, bytes, others) {
    const other = random.pick(others);
    return Buffer.concat([
      bytes.subarray(0, random.int(bytes.length + 1)),
      other.subarray(random.int(other.length + 1)),
    ]);
  },
  function lieAboutLength(random, bytes) {
    // Keep the message type (and sync subtype), then claim a payload far longer than what follows.
    const head = bytes[0] === SYNC ? bytes.subarray(0, 2) : bytes.subarray(0, 1);
    return frame((e) => {
      encoding.writeUint8Array(e, head);
      encoding.writeVarUint(e, hugeLength(random));
      encoding.writeUint8Array(e, random.bytes(random.int(32)));
    });
  },
  function appendTrailing(random, bytes) {
    return Buffer.concat([bytes, random.bytes(1 + random.int(4))]);
  },
];

/** One hostile frame, and how it was made (printed when the server answers it unexpectedly). */
export function hostileFrame(random: Random, valid: readonly Uint8Array[]): { frame: Uint8Array; how: string } {
  const roll = random.int(100);
  if (roll < 70) {
    let bytes = random.pick(valid);
    const steps: string[] = [];
    for (let i = 1 + random.int(3); i > 0; i--) {
      const mutate = random.pick(MUTATIONS);
      bytes = mutate(random, bytes, valid);
      steps.push(mutate.name);
    }
    return { frame: bytes, how: `mutated (${steps.join(', ')})` };
  }
  if (roll < 80) return { frame: random.bytes(random.int(64)), how: 'random bytes' };
  if (roll < 88) {
    // Noise behind a valid header, so it reaches the update and awareness decoders.
    const header = random.pick([[SYNC, 0], [SYNC, 1], [SYNC, 2], [AWARENESS], [QUERY_AWARENESS]]);
    const body = random.bytes(random.int(48));
    const withLength = random.int(2) === 0;
    return {
      frame: frame((e) => {
        for (const b of header) encoding.writeVarUint(e, b);
        if (withLength) encoding.writeVarUint8Array(e, body);
        else encoding.writeUint8Array(e, body);
      }),
      how: `noise behind header ${header.join(',')}`,
    };
  }
  if (roll < 94) {
    const overlong = random.int(2) === 0;
    return {
      frame: overlong
        ? new Uint8Array([SYNC, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3])
        : frame((e) => {
            encoding.writeVarUint(e, random.pick([SYNC, AWARENESS]));
            if (random.int(2) === 0) encoding.writeVarUint(e, 2);
            encoding.writeVarUint(e, hugeLength(random));
          }),
      how: overlong ? 'varUint longer than 53 bits' : 'huge varUint length',
    };
  }
  if (roll < 96) return { frame: new Uint8Array(random.int(2)), how: 'empty or one zero byte' };
  if (roll < 98) return hostileAwarenessFrame(random);
  return { frame: random.pick(valid), how: 'valid, unchanged' };
}

/** Frames over the size limit (and one over what the WebSocket layer takes at all). */
export function oversizedFrames(): { frame: Uint8Array; expected: number }[] {
  return [
    { frame: new Uint8Array(LIMITS.maxMessageBytes + 1), expected: CloseCode.MessageTooLarge },
    { frame: syncFrame(2, new Uint8Array(LIMITS.maxMessageBytes)), expected: CloseCode.MessageTooLarge },
    { frame: new Uint8Array(LIMITS.maxMessageBytes * 3).fill(0xff), expected: CloseCode.MessageTooLarge },
    { frame: new Uint8Array(LIMITS.maxMessageBytes * 4 + 1), expected: 1009 },
  ];
}

/**
 * What the server documents for a frame sent on an open, loaded connection:
 * null when it is accepted, else the close code. Uses the server's decoder as
 * the oracle for "malformed"; the test checks the server acts on it and survives.
 */
export function documentedOutcome(
  bytes: Uint8Array,
  scratch: awarenessProtocol.Awareness,
  owners: ReadonlyMap<number, string> = new Map(),
  senderId = '',
): number | null {
  if (bytes.byteLength > LIMITS.maxMessageBytes * 4) return 1009;
  if (bytes.byteLength > LIMITS.maxMessageBytes) return CloseCode.MessageTooLarge;
  let message;
  try {
    message = decodeMessage(bytes);
  } catch (err) {
    return err instanceof TooManyParts ? CloseCode.MessageTooLarge : CloseCode.MalformedMessage;
  }
  if (brokenUpdate(bytes) !== null) return CloseCode.MalformedMessage;
  if (message.kind === 'update') {
    for (const client of message.clocks.keys()) {
      const owner = owners.get(client);
      if (owner !== undefined && owner !== senderId) return CloseCode.ForeignClientId;
    }
  }
  if (message.kind === 'awareness') return awarenessOutcome(message.update, scratch);
  return null;
}

/**
 * For a sync step 2 or update frame that decodes, the invariant it breaks (or
 * null when none): the server refuses such frames as malformed.
 */
export function brokenUpdate(frame: Uint8Array): string | null {
  if (frame[0] !== 0) return null;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    const subtype = decoding.readVarUint(decoder);
    if (subtype !== 1 && subtype !== 2) return null;
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

/** After the server accepted an update frame: its client ids are now the sender's, as on the server. */
export function claimClients(bytes: Uint8Array, owners: Map<number, string>, senderId: string): void {
  let message;
  try {
    message = decodeMessage(bytes);
  } catch {
    return;
  }
  if (message.kind !== 'update') return;
  for (const client of message.clocks.keys()) if (!owners.has(client)) owners.set(client, senderId);
}

// ---- Awareness that is too big, or speaks for someone else --------------------------------------------

/** Yjs client ids of every document `validFrames` made: each partner's own, so the other's are foreign. */
const KNOWN_CLIENT_IDS = new Set<number>();

function awarenessUpdate(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    }
  });
}

/**
 * An awareness frame a hostile partner sends: a state over `LIMITS.maxAwarenessStateBytes` (closed with
 * 4413), another person's client id set or removed under a borrowed name (dropped), or many client ids at
 * once (those past `LIMITS.maxAwarenessClientsPerConnection` dropped).
 */
export function hostileAwarenessFrame(random: Random): { frame: Uint8Array; how: string } {
  // Ids the honest frames write with are left alone here: announcing one first reserves it (see
  // `Room.claim`), so the honest frames' outcome would depend on the order the fuzz happens to send them
  // in. Borrowing a partner's id is covered by tests/integration/awarenessPolicy.test.ts and clientIds.test.ts.
  const known = [...KNOWN_CLIENT_IDS];
  const someId = () => {
    for (;;) {
      const id = 1 + random.int(2 ** 30);
      if (!known.includes(id)) return id;
    }
  };
  const clock = () => random.pick([0, 1, 2, 1000, 2 ** 31, Number.MAX_SAFE_INTEGER]);
  const roll = random.int(3);
  if (roll === 0) {
    const filler = 'x'.repeat(LIMITS.maxAwarenessStateBytes + random.int(LIMITS.maxMessageBytes / 2));
    return {
      frame: awarenessFrame(awarenessUpdate([{ clientId: someId(), clock: clock(), state: { name: 'big', filler } }])),
      how: 'oversized awareness state',
    };
  }
  if (roll === 1) {
    const state =
      random.int(3) === 0
        ? null
        : { name: random.pick(['Coach', 'Teacher', random.text(8)]), color: '#ff0000', role: 'coach', focusing: true };
    return {
      frame: awarenessFrame(awarenessUpdate([{ clientId: someId(), clock: clock(), state }])),
      how: 'awareness under a borrowed client id and name',
    };
  }
  const entries = Array.from({ length: 2 + random.int(30) }, () => ({
    clientId: someId(),
    clock: clock(),
    state: random.int(5) === 0 ? null : { name: random.text(6), focusing: random.int(2) === 0 },
  }));
  return { frame: awarenessFrame(awarenessUpdate(entries)), how: `awareness for ${entries.length} client ids` };
}

/**
 * The documented outcome of an awareness update, read entry by entry as the server reads it: one that
 * does not decode closes with 4400, a state over the size limit with 4413; foreign or surplus client ids
 * are dropped, not refused.
 */
function awarenessOutcome(update: Uint8Array, scratch: awarenessProtocol.Awareness): number | null {
  let entries;
  try {
    entries = decodeAwarenessEntries(update);
  } catch {
    return CloseCode.MalformedMessage;
  }
  for (const { json } of entries) {
    if (json.byteLength > LIMITS.maxAwarenessStateBytes) return CloseCode.MessageTooLarge;
    try {
      JSON.parse(string.decodeUtf8(json));
    } catch {
      return CloseCode.MalformedMessage;
    }
  }
  // The same reading y-protocols does (what the server applies is re-encoded from this).
  try {
    awarenessProtocol.applyAwarenessUpdate(scratch, update, null);
  } catch {
    return CloseCode.MalformedMessage;
  }
  return null;
}
