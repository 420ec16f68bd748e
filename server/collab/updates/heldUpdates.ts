/**
 * Updates a room holds back because they build on something it does not have
 * yet, per connection and in the order they came, bounded per connection in
 * count (`LIMITS.maxQueuedMessages`) and bytes (`LIMITS.maxHeldBytes`).
 */
import { LIMITS } from '../../../shared/limits.js';
import type { CollabConnection } from '../connection.js';
import type { IncomingMessage } from '../protocol.js';

export type UpdateMessage = Extract<IncomingMessage, { kind: 'update' }>;

export class HeldUpdates {
  private readonly waiting = new Map<CollabConnection, UpdateMessage[]>();

  /** Holds `message` for `conn`; false (nothing held) when that would pass the connection's bounds. */
  hold(conn: CollabConnection, message: UpdateMessage): boolean {
    const waiting = this.waiting.get(conn) ?? [];
    const bytes = waiting.reduce((sum, held) => sum + held.update.byteLength, message.update.byteLength);
    if (waiting.length >= LIMITS.maxQueuedMessages || bytes > LIMITS.maxHeldBytes) return false;
    waiting.push(message);
    this.waiting.set(conn, waiting);
    return true;
  }

  /** Forgets what `conn` had waiting (it left). */
  drop(conn: CollabConnection): void {
    this.waiting.delete(conn);
  }

  /** Takes everything held, per connection, leaving nothing. */
  takeAll(): [CollabConnection, UpdateMessage[]][] {
    const all = [...this.waiting];
    this.waiting.clear();
    return all;
  }

  /**
   * Hands `store` every held update that `reach` now finds buildable (its
   * clocks after storing, or null while something is missing), in each
   * connection's order, until none is; stops for a connection once it closes.
   */
  release(
    reach: (message: UpdateMessage) => Map<number, number> | null,
    store: (conn: CollabConnection, message: UpdateMessage, after: Map<number, number>) => void,
  ): void {
    for (let progress = true; progress;) {
      progress = false;
      for (const [conn, waiting] of this.waiting) {
        for (let i = 0; i < waiting.length;) {
          const message = waiting[i] as UpdateMessage;
          const after = reach(message);
          if (after === null) {
            i++;
            continue;
          }
          waiting.splice(i, 1);
          store(conn, message, after);
          progress = true;
          if (conn.closed) {
            waiting.length = 0;
            break;
          }
        }
        if (waiting.length === 0) this.waiting.delete(conn);
      }
    }
  }
}
