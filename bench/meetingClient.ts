/**
 * One meeting as the meeting bench plays it: two partners, each a y-websocket
 * client with its own Y.Doc, writing into the six sections the way the
 * meeting page's Lexical editors do (paragraph `Y.XmlText`s with their node
 * properties, a text-node `Y.Map`, then the text), and sending a cursor
 * (awareness, as Lexical's collaboration plugin does) after every edit.
 *
 * Each edit inserts ~20 characters at the partner's cursor; now and then the
 * cursor jumps (another paragraph, another section, a new paragraph) or the
 * edit first deletes a few characters before the cursor. Both partners type at
 * once into one document, so every edit builds only on what its author has
 * seen, as in a real meeting. Edit latency is the time from an edit being sent
 * to the partner's copy containing it; for Tandem, "saved" is the time to the
 * sender's acknowledgement.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../shared/collabProtocol.js';
import { SECTIONS } from '../shared/sections.js';

const SECTION_IDS = SECTIONS.map((s) => s.id);
const WORDS = (
  'students talk about the lesson evidence goal strategy practice plan rehearse next step check back ' +
  'we saw three groups sharing their thinking with partners and the teacher modelled a clear routine'
).split(' ');

/** A seeded generator (mulberry32), so that both servers are sent the same meetings. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the edit model does, per edit. */
export const EDIT_MODEL = {
  /** Characters per edit: 15 to 25. */
  minChars: 15,
  maxChars: 25,
  /** The cursor jumps elsewhere before this share of edits. */
  jump: 0.1,
  /** Of the jumps, this share starts a new paragraph. */
  newParagraph: 0.3,
  /** This share of edits first deletes 1-6 characters before the cursor. */
  correct: 0.15,
};

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const syncFrame = (subtype: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, subtype);
    encoding.writeVarUint8Array(e, payload);
  });

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where a server is and how a partner opens a socket to one of its meetings. */
export interface Target {
  /** The socket URL of a meeting, for partner 0 (coach) or 1 (teacher): several processes put them apart. */
  url(meetingId: string, partner: 0 | 1): string;
  headers(partner: 0 | 1, meeting: MeetingLoad): Record<string, string>;
}

export interface Samples {
  /** Edit sent -> in the partner's copy, ms. */
  latency: number[];
  /** Edit sent -> acknowledged as stored (Tandem only), ms. */
  saved: number[];
  /** Socket opened -> the server's sync step 2 received, ms. */
  join: number[];
  edits: number;
  /** Edits whose partner never got them (the round ended first). */
  lost: number;
}

export const newSamples = (): Samples => ({ latency: [], saved: [], join: [], edits: 0, lost: 0 });

interface Outstanding {
  client: number;
  clock: number;
  sentAt: number;
}

const LOCAL = Symbol('local');
const REMOTE = Symbol('remote');

/**
 * What one partner writes: a Y.Doc, a cursor in it and the edits typed there.
 * `write` makes one edit and returns its update (what the editor's binding sends).
 */
export class Writer {
  doc = new Y.Doc();
  private section: string;
  private cursor: Y.RelativePosition | null = null;
  private lastUpdate: Uint8Array | null = null;

  constructor(
    index: number,
    private readonly random: () => number,
    private readonly model: typeof EDIT_MODEL = EDIT_MODEL,
  ) {
    this.section = SECTION_IDS[index % SECTION_IDS.length] as string;
  }

  /** The same notes under a fresh Yjs client id (a reloaded tab with its offline copy). */
  reopen(): void {
    const next = new Y.Doc();
    Y.applyUpdate(next, Y.encodeStateAsUpdate(this.doc));
    this.doc.destroy();
    this.doc = next;
    this.cursor = null;
  }

  /** Applies what the partner wrote. */
  apply(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE);
  }

  /** One edit at the cursor (after a jump now and then); its update, or null if it changed nothing. */
  write(): Uint8Array | null {
    const r = this.random;
    const kept = this.cursor && !(r() < this.model.jump) ? this.resolve(this.cursor) : null;
    this.lastUpdate = null;
    // Listening only while writing: a listener makes Yjs encode every transaction, the partner's too.
    const keep = (update: Uint8Array) => (this.lastUpdate = update);
    this.doc.on('update', keep);
    this.doc.transact(() => {
      const { paragraph, index: at } = kept ?? this.jump();
      let index = at;
      if (r() < this.model.correct) {
        const n = Math.min(index - 1, 1 + Math.floor(r() * 6));
        if (n > 0) {
          paragraph.delete(index - n, n);
          index -= n;
        }
      }
      const text = this.text();
      paragraph.insert(index, text);
      this.cursor = Y.createRelativePositionFromTypeIndex(paragraph, index + text.length);
    }, LOCAL);
    this.doc.off('update', keep);
    return this.lastUpdate;
  }

  /** The cursor as Lexical's collaboration plugin puts it in awareness: a relative position, as JSON. */
  cursorJson(): string {
    return JSON.stringify(this.cursor);
  }

  private text(): string {
    const r = this.random;
    const { minChars, maxChars } = this.model;
    const want = minChars + Math.floor(r() * (maxChars - minChars + 1));
    let text = '';
    while (text.length < want) text += `${WORDS[Math.floor(r() * WORDS.length)]} `;
    return text.slice(0, want);
  }

  /** Where a cursor is now; null when its paragraph is gone. */
  private resolve(cursor: Y.RelativePosition): { paragraph: Y.XmlText; index: number } | null {
    const at = Y.createAbsolutePositionFromRelativePosition(cursor, this.doc);
    if (!at || !(at.type instanceof Y.XmlText) || at.type._item?.deleted) return null;
    return { paragraph: at.type, index: Math.max(1, at.index) };
  }

  /** A new place: another paragraph of a section, or a new paragraph at the end of one. */
  private jump(): { paragraph: Y.XmlText; index: number } {
    const r = this.random;
    if (r() < 0.3) this.section = SECTION_IDS[Math.floor(r() * SECTION_IDS.length)] as string;
    const root = this.doc.get(this.section, Y.XmlText);
    const paragraphs: Y.XmlText[] = [];
    for (const op of root.toDelta() as { insert: unknown }[]) {
      if (op.insert instanceof Y.XmlText) paragraphs.push(op.insert);
    }
    if (paragraphs.length === 0 || r() < this.model.newParagraph) {
      // What Lexical's binding writes for a new paragraph holding one text node.
      const paragraph = new Y.XmlText();
      root.insertEmbed(root.length, paragraph);
      paragraph.setAttribute('__type', 'paragraph');
      paragraph.setAttribute('__format', 0);
      paragraph.setAttribute('__indent', 0);
      paragraph.setAttribute('__dir', 'ltr');
      paragraph.setAttribute('__textFormat', 0);
      paragraph.setAttribute('__textStyle', '');
      const node = new Y.Map<unknown>();
      paragraph.insertEmbed(0, node);
      node.set('__type', 'text');
      node.set('__format', 0);
      node.set('__style', '');
      node.set('__mode', 0);
      node.set('__detail', 0);
      return { paragraph, index: 1 };
    }
    const paragraph = paragraphs[Math.floor(r() * paragraphs.length)] as Y.XmlText;
    return { paragraph, index: 1 + Math.floor(r() * paragraph.length) };
  }
}

/** One partner's tab: what it writes and, while connected, a socket. */
export class Partner {
  readonly writer: Writer;
  ws: WebSocket | null = null;
  synced = false;
  private awarenessClock = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Own edits not yet acknowledged as saved. */
  private unsaved: Outstanding[] = [];
  /** The last updates sent: a server that echoes them back (the reference does) needs no second apply here. */
  private recent: Uint8Array[] = [];
  private onSynced: (() => void) | null = null;

  constructor(
    readonly meeting: MeetingLoad,
    readonly index: 0 | 1,
    random: () => number,
  ) {
    this.writer = new Writer(index, random);
  }

  get doc(): Y.Doc {
    return this.writer.doc;
  }

  get other(): Partner {
    return this.meeting.partners[this.index === 0 ? 1 : 0];
  }

  /** Opens a socket and resolves once the server's copy has been received (the editor shows the notes). */
  connect(target: Target): Promise<void> {
    const started = performance.now();
    this.synced = false;
    const ws = new WebSocket(target.url(this.meeting.id, this.index), {
      headers: target.headers(this.index, this.meeting),
    });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    return new Promise<void>((resolve, reject) => {
      this.onSynced = () => {
        this.meeting.samples.join.push(performance.now() - started);
        resolve();
      };
      ws.once('open', () => {
        ws.send(syncFrame(0, Y.encodeStateVector(this.doc)));
        this.sendCursor();
      });
      ws.on('error', reject);
      ws.once('close', (code) => {
        if (!this.synced) reject(new Error(`closed ${code} before sync`));
        if (this.ws === ws) this.dropped();
      });
      ws.on('message', (data: Buffer) => {
        if (this.ws === ws) this.receive(data);
      });
    });
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === 0) {
        this.ws?.send(syncFrame(1, Y.encodeStateAsUpdate(this.doc, payload)));
        return;
      }
      if (subtype === 2 && this.recent.some((sent) => equalBytes(sent, payload))) return;
      this.writer.apply(payload);
      if (subtype === 1 && !this.synced) {
        this.synced = true;
        this.onSynced?.();
      }
      this.meeting.delivered(this);
    } else if (type === MESSAGE_SAVED) {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        const client = decoding.readVarUint(decoder);
        const clock = decoding.readVarUint(decoder);
        if (client !== this.doc.clientID) continue;
        const now = performance.now();
        while (this.unsaved.length > 0 && (this.unsaved[0] as Outstanding).clock <= clock) {
          this.meeting.samples.saved.push(now - (this.unsaved.shift() as Outstanding).sentAt);
        }
      }
    }
    // Awareness from the partner: a real client would draw it; the bench has nothing to draw.
  }

  /** The socket closed (by us or the server): nothing in flight to or from it is counted. */
  private dropped(): void {
    this.ws = null;
    this.synced = false;
    this.unsaved = [];
    this.meeting.forget(this);
  }

  /** Closes the tab. */
  close(): void {
    this.stop();
    const ws = this.ws;
    if (ws) {
      this.dropped();
      ws.close();
    }
  }

  /** A reload: the tab comes back with the notes it had (its offline copy) under a fresh Yjs client id. */
  reopen(): void {
    this.writer.reopen();
  }

  /** Types every `everyMs`, the first after `phaseMs`, until `stop`. */
  start(everyMs: number, phaseMs: number): void {
    this.stop();
    const begin = performance.now() + phaseMs;
    let n = 0;
    const tick = () => {
      this.edit(true);
      n++;
      this.timer = setTimeout(tick, Math.max(0, begin + n * everyMs - performance.now()));
    };
    this.timer = setTimeout(tick, phaseMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One edit at the cursor, sent; with `cursor`, the cursor move that follows it too. */
  edit(cursor: boolean): void {
    const ws = this.ws;
    if (!ws || !this.synced || ws.readyState !== ws.OPEN) return;
    const update = this.writer.write();
    if (!update) return;
    const sent: Outstanding = {
      client: this.doc.clientID,
      clock: Y.getState(this.doc.store, this.doc.clientID),
      sentAt: performance.now(),
    };
    ws.send(syncFrame(2, update));
    this.recent.push(update);
    if (this.recent.length > 4) this.recent.shift();
    this.meeting.sent(this, sent);
    this.unsaved.push(sent);
    if (cursor) this.sendCursor();
  }

  /** The cursor, as Lexical's collaboration plugin sends it on every selection change. */
  private sendCursor(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    const position = this.writer.cursorJson();
    const [name, color] = this.index === 0 ? ['Coach', '#2f6f4f'] : ['Teacher', '#7a3b8f'];
    const state = `{"name":"${name}","color":"${color}","focusing":true,"anchorPos":${position},"focusPos":${position},"awarenessData":{}}`;
    const update = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, this.doc.clientID);
      encoding.writeVarUint(e, ++this.awarenessClock);
      encoding.writeVarString(e, state);
    });
    ws.send(
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }
}

/** A meeting: its id on the server under test, its partners and the edits in flight between them. */
export class MeetingLoad {
  readonly partners: [Partner, Partner];
  samples: Samples = newSamples();
  /** Edits sent by partner i that partner 1-i has not received yet. */
  private inFlight: [Outstanding[], Outstanding[]] = [[], []];
  private drained: (() => void) | null = null;

  constructor(
    readonly id: string,
    readonly cookies: [string, string] | null,
    seed: number,
  ) {
    this.partners = [new Partner(this, 0, seeded(seed * 2 + 1)), new Partner(this, 1, seeded(seed * 2 + 2))];
  }

  sent(from: Partner, edit: Outstanding): void {
    this.samples.edits++;
    // Only an edit the partner is connected to receive live is timed.
    if (from.other.synced) this.inFlight[from.index].push(edit);
  }

  delivered(to: Partner): void {
    const queue = this.inFlight[to.other.index];
    const now = performance.now();
    while (queue.length > 0) {
      const head = queue[0] as Outstanding;
      if (Y.getState(to.doc.store, head.client) < head.clock) break;
      this.samples.latency.push(now - head.sentAt);
      queue.shift();
    }
    this.wakeIfDrained();
  }

  /** A partner's socket is gone: edits to and from it are no longer waited for. */
  forget(partner: Partner): void {
    this.inFlight[partner.index] = [];
    this.inFlight[partner.other.index] = [];
    this.wakeIfDrained();
  }

  private wakeIfDrained(): void {
    if (this.drained && this.inFlight[0].length === 0 && this.inFlight[1].length === 0) {
      const wake = this.drained;
      this.drained = null;
      wake();
    }
  }

  /** Resolves once every timed edit has reached the partner, or after `timeoutMs` (those are counted lost). */
  drain(timeoutMs: number): Promise<void> {
    if (this.inFlight[0].length === 0 && this.inFlight[1].length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.drained = null;
        this.samples.lost += this.inFlight[0].length + this.inFlight[1].length;
        this.inFlight = [[], []];
        resolve();
      }, timeoutMs);
      this.drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
