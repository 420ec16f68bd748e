/**
 * "Saved" acknowledgements waiting to go out, merged per connection: every
 * update of a batch stored together is acknowledged in one message.
 */
import { encodeSavedMessage, type DeletedRange, type SavedAck } from '../../../shared/savedMessage.js';
import type { CollabConnection } from '../connection.js';

export class SavedAcks {
  private readonly pending = new Map<CollabConnection, SavedAck>();

  /** Queues what was stored for `conn`; the message goes out after every callback of the resolving batch. */
  add(conn: CollabConnection, clocks: Map<number, number>, deleted: DeletedRange[]): void {
    let ack = this.pending.get(conn);
    if (!ack) {
      const fresh: SavedAck = { clocks: new Map(), deleted: [] };
      ack = fresh;
      this.pending.set(conn, fresh);
      queueMicrotask(() => {
        this.pending.delete(conn);
        conn.send(encodeSavedMessage(fresh));
      });
    }
    for (const [client, clock] of clocks) {
      if (clock > (ack.clocks.get(client) ?? 0)) ack.clocks.set(client, clock);
    }
    for (const range of deleted) ack.deleted.push(range);
  }
}
