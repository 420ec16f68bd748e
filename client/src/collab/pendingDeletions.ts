/**
 * Deletions made on this device that the server has not yet said it stored,
 * as sorted, non-overlapping [start, end) clock ranges per Yjs client id.
 * Deletions move no clock, so "Saved" needs these as well as the clocks
 * (see savedTracker.ts).
 */
import type { DeletedRange } from '../../../shared/savedMessage.js';

type Range = [start: number, end: number];

export class PendingDeletions {
  private readonly byClient = new Map<number, Range[]>();

  get isEmpty(): boolean {
    return this.byClient.size === 0;
  }

  add({ client, clock, len }: DeletedRange): void {
    if (len <= 0) return;
    const ranges = this.byClient.get(client) ?? [];
    let start = clock;
    let end = clock + len;
    const kept: Range[] = [];
    let at = 0;
    // Ranges wholly before the new one stay; touching or overlapping ones merge into it.
    for (const range of ranges) {
      if (range[1] < start) {
        kept.push(range);
        at = kept.length;
      } else if (range[0] > end) {
        kept.push(range);
      } else {
        start = Math.min(start, range[0]);
        end = Math.max(end, range[1]);
      }
    }
    kept.splice(at, 0, [start, end]);
    this.byClient.set(client, kept);
  }

  /** The server stored this deletion: forget whatever part of it is pending. */
  confirm({ client, clock, len }: DeletedRange): void {
    const ranges = this.byClient.get(client);
    if (!ranges) return;
    const start = clock;
    const end = clock + len;
    const kept: Range[] = [];
    for (const range of ranges) {
      if (range[1] <= start || range[0] >= end) {
        kept.push(range);
        continue;
      }
      if (range[0] < start) kept.push([range[0], start]);
      if (range[1] > end) kept.push([end, range[1]]);
    }
    if (kept.length > 0) this.byClient.set(client, kept);
    else this.byClient.delete(client);
  }
}
