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
 *
 * Here the meeting and its samples; what a partner types is `meetingWriter.ts`,
 * its socket `meetingPartner.ts`.
 */
import * as Y from 'yjs';
import { Partner } from './meetingPartner.js';
import { seeded } from './meetingWriter.js';

export { EDIT_MODEL, seeded, Writer } from './meetingWriter.js';
export { Partner, type Target } from './meetingPartner.js';

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

/** An edit sent and not yet seen (by the partner, or as saved). */
export interface Outstanding {
  client: number;
  clock: number;
  sentAt: number;
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
