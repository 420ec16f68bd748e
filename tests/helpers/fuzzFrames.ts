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
import { ClientEvent } from '../../shared/events.js';
import { LIMITS } from '../../shared/limits.js';
import { SECTIONS } from '../../shared/sections.js';
import { decodeMessage, TooManyParts } from '../../server/collab/protocol.js';
import * as decoding from 'lib0/decoding';
import * as string from 'lib0/string';
import { decodeAwarenessEntries } from '../../server/collab/awarenessPolicy.js';
import { checkUpdateInvariants } from '../../server/collab/updateInvariants.js';

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same run. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }

  text(n: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz ÄéØ✓€\u{1F600}"\\<>{}[]\n\t\u0000';
    let s = '';
    for (let i = 0; i < n; i++) s += this.pick([...alphabet]);
    return s;
  }
}

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
      // A node the editors can draw: typed in the same update (server/collab/updateContent.ts).
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

/** Engine.io / socket.io text packets: garbage, wrong types, truncated JSON, bad acks, lies about attachments. */
export function hostileSocketIoPacket(random: Random): { packet: string | Uint8Array; oversized: boolean } {
  const events = [ClientEvent.JoinMeeting, ClientEvent.LeaveMeeting, 'step:agree', 'constructor', '__proto__'];
  const payloads = [
    '{}',
    'null',
    '123',
    '"x"',
    '[]',
    '{"meetingId":123}',
    '{"meetingId":{"$gt":""}}',
    '{"meetingId":"../../etc"}',
    `{"meetingId":"${'a'.repeat(200)}"}`,
    '{"__proto__":{"polluted":true},"meetingId":"x"}',
  ];
  const roll = random.int(100);
  if (roll < 3) {
    return {
      packet: `42["${ClientEvent.JoinMeeting}","${'x'.repeat(LIMITS.maxRealtimePacketBytes + 10)}"]`,
      oversized: true,
    };
  }
  let packet: string;
  if (roll < 35) {
    const ack = random.int(2) === 0 ? String(random.int(1e6)) : '';
    packet = `42${ack}["${random.pick(events)}",${random.pick(payloads)}]`;
  } else if (roll < 45) packet = `4${random.int(10)}${random.text(random.int(40))}`;
  else if (roll < 55) packet = `${random.int(10)}${random.text(random.int(40))}`;
  else if (roll < 62)
    packet = `45${random.int(3)}-["${ClientEvent.JoinMeeting}",{"_placeholder":true,"num":${random.int(5)}}]`;
  else if (roll < 68) packet = `40${random.pick(['{"v":1}', '{"v":2}', '{', 'null', '[]', '{"v":"1"}'])}`;
  else if (roll < 74) packet = `42${random.pick(['[]', '{}', '[null]', '[1,2]', '["x"', '"str"', '[{}]'])}`;
  else if (roll < 78) packet = `42${'9'.repeat(30)}["${ClientEvent.JoinMeeting}",{}]`;
  else if (roll < 82) packet = `4/${random.text(8)},${random.int(100)}["${ClientEvent.JoinMeeting}",{}]`;
  else if (roll < 90) return { packet: random.bytes(random.int(64)), oversized: false };
  else packet = random.text(random.int(200));
  // Mutate some of them further.
  if (random.int(4) === 0 && packet.length > 0) {
    const at = random.int(packet.length);
    packet = packet.slice(0, at) + random.text(random.int(3)) + packet.slice(at + random.int(3));
  }
  return { packet, oversized: false };
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

// --- Many tiny items (event-loop safety) ---------------------------------------------------------

/**
 * A Yjs update of `items` one-character items that cannot merge into one (each typed in front of the
 * last, so each is its own struct): the cheapest bytes for the most work applying and re-reading it.
 * About 6-10 bytes an item, so a 1 MiB frame holds ~100,000. Written by a fresh client id, at clock 0.
 */
export function manyTinyItemsUpdate(items: number, clientId: number, section: string = SECTIONS[0].id): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const text = doc.get(section, Y.XmlText);
  doc.transact(() => {
    for (let i = 0; i < items; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** `manyTinyItemsUpdate` as a y-websocket update frame. */
export function manyTinyItemsFrame(items: number, clientId: number, section?: string): Uint8Array {
  return syncFrame(2, manyTinyItemsUpdate(items, clientId, section));
}

/**
 * Tiny-item frames for the fuzz test, each with the close code documented for it (null: accepted):
 * a few at one place, too many at one place, one just over `LIMITS.maxUpdateItems`, and a full 1 MiB frame of ~100,000 items.
 * Client ids come from `random` so a run never reuses one the server already attributed.
 */
export function tinyItemFrames(random: Random): { frame: Uint8Array; expected: number | null; how: string }[] {
  const id = () => 1 + random.int(2 ** 30);
  let items = 100_000;
  let full = manyTinyItemsFrame(items, id());
  // As many as fit under the byte limit, so it is the item count that refuses it.
  while (full.byteLength > LIMITS.maxMessageBytes) full = manyTinyItemsFrame((items -= 5_000), id());
  return [
    { frame: manyTinyItemsFrame(LIMITS.maxItemsPerPosition - 1, id()), expected: null, how: 'tiny items at one place' },
    {
      frame: manyTinyItemsFrame(LIMITS.maxItemsPerPosition * 4, id()),
      expected: CloseCode.MessageTooLarge,
      how: 'too many tiny items at one place',
    },
    {
      frame: manyTinyItemsFrame(LIMITS.maxUpdateItems + 1, id()),
      expected: CloseCode.MessageTooLarge,
      how: 'one tiny item over the limit',
    },
    {
      frame: full,
      expected: CloseCode.MessageTooLarge,
      how: `${items} tiny items in one 1 MiB frame`,
    },
  ];
}
