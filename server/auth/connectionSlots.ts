/**
 * A cap on how many sockets one person may hold open at once on a transport
 * (collaboration or socket.io), counted in this process. Opening dozens of
 * tabs is a mistake or an attack; either way one person must not be able to
 * tie up the server for everyone else.
 */
export class ConnectionSlots {
  private readonly counts = new Map<string, number>();

  constructor(
    /** Most sockets one person may hold. */
    readonly max: number,
  ) {}

  /** Open sockets held by `userId`. */
  held(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }

  /**
   * Takes a slot for `userId`. Returns the function that gives it back (safe to
   * call more than once), or null when the person has none left.
   */
  take(userId: string): (() => void) | null {
    const held = this.held(userId);
    if (held >= this.max) return null;
    this.counts.set(userId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = this.held(userId) - 1;
      if (now > 0) this.counts.set(userId, now);
      else this.counts.delete(userId);
    };
  }
}
