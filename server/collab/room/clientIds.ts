/**
 * Who each Yjs client id in a live meeting belongs to, as the server attests it. An id is owned once an
 * update using it is stored (or on its way to storage); until then it is reserved for the person who
 * first announced it in awareness or used it in an update still held back, so nobody else can take it
 * first. Reservations are kept in memory while the room is open, at most
 * `LIMITS.maxReservedClientIdsPerUser` per person (the oldest goes).
 */
import { LIMITS } from '../../../shared/limits.js';

export class ClientIds {
  /** Yjs client id -> user id: stored with an update (or on its way). */
  private owners = new Map<number, string>();
  /** Client ids announced or held back but not stored under yet. */
  private reserved = new Map<number, string>();
  /** The same reservations per user, oldest first. */
  private reservedBy = new Map<string, Set<number>>();

  /** Takes the owners read with the stored log. */
  load(owners: Map<number, string>): void {
    for (const [client, userId] of owners) this.own(client, userId);
  }

  /** The user the id is owned by or reserved for, if anyone. */
  holder(client: number): string | undefined {
    return this.owners.get(client) ?? this.reserved.get(client);
  }

  owned(client: number): boolean {
    return this.owners.has(client);
  }

  /** The id is `userId`'s from now on. */
  own(client: number, userId: string): void {
    this.owners.set(client, userId);
    this.unreserve(client);
  }

  /** Reserves an unowned client id for `userId`, dropping that user's oldest reservation past the limit. */
  reserve(userId: string, client: number): void {
    if (this.owners.has(client) || this.reserved.has(client)) return;
    let mine = this.reservedBy.get(userId);
    if (!mine) {
      mine = new Set();
      this.reservedBy.set(userId, mine);
    }
    if (mine.size >= LIMITS.maxReservedClientIdsPerUser) {
      const oldest = mine.values().next().value as number;
      this.unreserve(oldest);
    }
    this.reserved.set(client, userId);
    mine.add(client);
  }

  private unreserve(client: number): void {
    const userId = this.reserved.get(client);
    if (userId === undefined) return;
    this.reserved.delete(client);
    this.reservedBy.get(userId)?.delete(client);
  }
}
