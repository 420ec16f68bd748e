/**
 * One turn of the event loop's worth of collaboration work. Frames that arrive
 * together (several sockets read in one poll, or a burst on one socket) and
 * updates whose storage completes in one batch would otherwise all be handled
 * back to back, each bounded but together holding the loop for as long as they
 * add up to. Work is done while the turn has time left (`SLICE_MS`, shared with
 * the log slices); the rest waits for the next turn, in order, so that timers,
 * other sockets and HTTP answers get their go in between.
 */
import { SLICE_MS } from '../storage/slices.js';

let turnStart = 0;
let turnOpen = false;

/** Marks the start of this turn's work (the first call in a turn starts the clock). */
export function beginWork(): void {
  if (turnOpen) return;
  turnOpen = true;
  turnStart = performance.now();
  setImmediate(() => (turnOpen = false));
}

/** True when this turn has used its time: further work should wait for `setImmediate`. */
export function turnUsedUp(): boolean {
  return turnOpen && performance.now() - turnStart > SLICE_MS;
}

/**
 * Runs queued steps in order while the turn has time, then continues on the
 * next turns until the queue is empty. `push` adds a step and starts draining.
 */
export class SlicedQueue {
  private steps: Array<() => void> = [];
  private scheduled = false;

  get length(): number {
    return this.steps.length;
  }

  push(step: () => void): void {
    this.steps.push(step);
    this.drain();
  }

  clear(): void {
    this.steps = [];
  }

  private drain(): void {
    if (this.scheduled) return;
    while (this.steps.length > 0) {
      if (turnUsedUp()) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.drain();
        });
        return;
      }
      beginWork();
      const step = this.steps.shift() as () => void;
      step();
    }
  }
}
