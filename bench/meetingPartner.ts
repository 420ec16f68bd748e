/**
 * One partner of a bench meeting as a y-websocket client (`meetingClient.ts`): it opens a socket,
 * syncs, sends what its `Writer` types and its cursor (awareness), applies what the other partner
 * wrote, and reports edits sent, received and acknowledged as saved to its `MeetingLoad`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../shared/collabProtocol.js';
import type { MeetingLoad, Outstanding } from './meetingClient.js';
import { Writer } from './meetingWriter.js';

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
