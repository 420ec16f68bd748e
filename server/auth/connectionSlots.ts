/**
 * A cap on how many sockets one person (or one address, before it has
 * authenticated) may hold open at once on a transport (collaboration or
 * socket.io). Opening dozens of tabs is a mistake or an attack; either way one
 * person must not be able to tie up the server for everyone else.
 *
 * Counted in this process; with several processes (`REDIS_URL`) this process's
 * counts are also written to Redis and a new socket is checked against the sum
 * over the live processes (`server/cluster/sharedCounts.ts`). When Redis does
 * not answer, the check counts this process only: it still limits, and refuses
 * nobody because Redis is away.
 */
export interface SlotCounts {
  /**
   * When the other processes' count for `key` plus `local` (this process's) is
   * below `max`, records `local + 1` as this process's and resolves true.
   * Rejects when Redis does not answer in time.
   */
  tryTake(key: string, local: number, max: number): Promise<boolean>;
  /** The other processes' count for `key` plus `local`. Rejects when Redis does not answer in time. */
  total(key: string, local: number): Promise<number>;
  /** This process now holds `count` for `key` (written without waiting). */
  report(key: string, count: number): void;
  /** Notes that Redis failed (logged once until it answers again). */
  trouble(err: unknown): void;
}

export type Release = () => void;

export class ConnectionSlots {
  private readonly counts = new Map<string, number>();
  private readonly shared: SlotCounts | null;

  constructor(
    /** Most sockets one person may hold. */
    readonly max: number,
    /** Counts across processes, when there are several. */
    shared?: (localCounts: () => ReadonlyMap<string, number>) => SlotCounts,
  ) {
    this.shared = shared ? shared(() => this.counts) : null;
  }

  /** Open sockets held by `userId` in this process. */
  held(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }

  /**
   * Takes a slot for `userId`, counting this process only. Returns the function
   * that gives it back (safe to call more than once), or null when the person
   * has none left.
   */
  take(userId: string): Release | null {
    if (this.held(userId) >= this.max) return null;
    return this.hold(userId);
  }

  /**
   * Takes a slot for `userId` counted across processes (this process only,
   * without several or when Redis does not answer).
   */
  async claim(userId: string): Promise<Release | null> {
    if (this.held(userId) >= this.max) return null;
    if (this.shared) {
      try {
        if (!(await this.shared.tryTake(userId, this.held(userId), this.max))) return null;
      } catch (err) {
        this.shared.trouble(err);
      }
      // Others may have taken slots here while Redis answered.
      if (this.held(userId) >= this.max) {
        this.shared.report(userId, this.held(userId));
        return null;
      }
    }
    return this.hold(userId);
  }

  /** True when `userId` holds fewer than `max` sockets across processes (this process only without Redis). */
  async admits(userId: string): Promise<boolean> {
    const local = this.held(userId);
    if (local >= this.max || !this.shared) return local < this.max;
    try {
      return (await this.shared.total(userId, local)) < this.max;
    } catch (err) {
      this.shared.trouble(err);
      return true;
    }
  }

  private hold(userId: string): Release {
    this.counts.set(userId, this.held(userId) + 1);
    this.shared?.report(userId, this.held(userId));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = this.held(userId) - 1;
      if (now > 0) this.counts.set(userId, now);
      else this.counts.delete(userId);
      this.shared?.report(userId, Math.max(now, 0));
    };
  }
}
