/**
 * A live room's compactions of its meeting's log (when: compactionPolicy.ts):
 * the rows the room counts, one compaction at a time while live, and what a
 * compaction frees. On unload the room asks whether the log grew enough since
 * load to compact once more.
 */
import type { Services } from '../../services.js';
import { dueWhileLive, grownSinceLoad } from './compactionPolicy.js';
import type { RoomLink } from './roomLink.js';

export class LogCompaction {
  private rows = 0;
  private rowsAtLoad = 0;
  private itemsAtLoad = 0;
  private compacting: Promise<unknown> | null = null;

  constructor(
    private readonly meetingId: string,
    private readonly services: Pick<Services, 'documents' | 'quotas' | 'logger'>,
    /** The other processes serving this meeting (`REDIS_URL`), or null on a single process. */
    private readonly link: RoomLink | null,
    /** Takes the bytes a compaction freed off the meeting's size. */
    private readonly freed: (bytesFreed: number) => void,
  ) {}

  /** The log as the room loaded it: its rows, and the structs of the document. */
  loaded(rows: number, items: number): void {
    this.rows = this.rowsAtLoad = rows;
    this.itemsAtLoad = items;
  }

  /** The room stored a row. */
  rowStored(): void {
    this.rows++;
  }

  /** Starts a compaction when the log is due for one while live and none is running. */
  compactIfDue(): void {
    if (dueWhileLive(this.rows) && !this.compacting) {
      this.compacting = this.compact().finally(() => (this.compacting = null));
    }
  }

  /** The compaction started by `compactIfDue` while it runs, else null. */
  get running(): Promise<unknown> | null {
    return this.compacting;
  }

  /** Whether the log grew enough since load to compact on unload, with `items` structs in the document now. */
  grownSinceLoad(items: number): boolean {
    return grownSinceLoad({ rows: this.rowsAtLoad, items: this.itemsAtLoad }, { rows: this.rows, items });
  }

  async compact(): Promise<void> {
    try {
      const compaction = await this.services.documents.compact(this.meetingId);
      const { before, after, bytesFreed } = compaction;
      // With other processes the log also holds their rows, which this room does not count.
      this.rows = Math.max(after, this.rows - (before - after));
      if (before > after) this.link?.compacted(compaction);
      // What the log no longer holds counts neither against the meeting's size nor the partnership's storage.
      this.freed(bytesFreed);
      this.services.quotas.release(this.meetingId, bytesFreed);
      this.services.logger.debug('collab', 'compacted', { meetingId: this.meetingId, before, after });
    } catch (err) {
      // The log is intact (compaction is one transaction); the next trigger tries again.
      this.services.logger.error('collab', 'compaction failed', { meetingId: this.meetingId, err });
    }
  }
}
