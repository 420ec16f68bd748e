/**
 * How a live room reaches the other processes serving its meeting (`server/cluster/`, only with
 * `REDIS_URL`). Without one a room is alone, as on a single process. The room still stores every
 * update before it tells anyone; the link only carries what is already stored.
 */
import type { Compaction } from '../../storage/documentStore.js';

/** What a room tells the other processes. */
export interface RoomLink {
  /** The room has read the stored log up to row `lastId`; remote updates received meanwhile may now be applied. */
  loaded(lastId: number): void;
  /** An update this process stored as row `rowId` (with the client ids it made `userId`'s). */
  stored(rowId: number, update: Uint8Array, userId: string | null, claims: readonly number[]): void;
  /** An awareness update from a connection here (already checked by the awareness policy). */
  awareness(update: Uint8Array): void;
  /** An update here waits for something it builds on: another process may have stored it, so read the log. */
  missing(): void;
  /** This process compacted the meeting's log. */
  compacted(result: Compaction): void;
  /** The room is unloading. */
  close(): void;
}

/** What the other processes may do to a room. */
export interface LinkedRoom {
  readonly meetingId: string;
  /** An update stored by another process (carried over Redis or read back from the log), with ids it made someone's. */
  applyRemote(update: Uint8Array, owners: ReadonlyMap<number, string>): void;
  /** Awareness from another process's connections. */
  applyRemoteAwareness(update: Uint8Array): void;
  /** The awareness states of this process's connections (for a process that just opened the meeting), if any. */
  localAwareness(): Uint8Array | null;
  /** Another process compacted the log. */
  remoteCompacted(result: Compaction): void;
}

/** Opens the link of a room, before it loads (so nothing stored meanwhile is missed). */
export type RoomLinks = (room: LinkedRoom) => RoomLink;
