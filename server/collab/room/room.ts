/**
 * A meeting's live room: the connections to it and, while anyone is connected,
 * the server's copy of its Y.Doc. Every update is validated, stored, then
 * relayed and acknowledged, in that order. An update that builds on something
 * the room does not have yet waits, per connection, until it has
 * (updateDependencies.ts).
 */
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/closeCodes.js';
import { LIMITS } from '../../../shared/limits.js';
import { errors } from '../../errors.js';
import type { Services } from '../../services.js';
import { ActionStepPreview } from './actionStepPreview.js';
import { Admission } from '../updates/admission.js';
import { ClientIds } from './clientIds.js';
import type { LinkedRoom, RoomLink } from './roomLink.js';
import type { Compaction } from '../../storage/documentStore.js';
import type { CollabConnection } from '../connection.js';
import { FinishedGate } from '../updates/finishedEdits.js';
import { HeldUpdates, type UpdateMessage } from '../updates/heldUpdates.js';
import { LogCompaction } from './logCompaction.js';
import { readFrame } from '../frameReading.js';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../protocol.js';
import { applyAndCapture } from './remoteUpdates.js';
import { loadCopy, takeCopy } from './roomCopy.js';
import { RoomAwareness } from './roomAwareness.js';
import { SavedAcks } from './savedAcks.js';
import { SlicedQueue } from '../turnBudget.js';
import { reachAfter, type Decoded } from '../updates/updateDependencies.js';
import { countStructs } from '../updates/updateSize.js';

export class Room implements LinkedRoom {
  readonly doc: Y.Doc;
  /** The last stored row already in `doc` when a kept copy was taken over (0 for a fresh copy). */
  private readonly keptUpTo: number;
  readonly connections = new Set<CollabConnection>();
  /** Resolves once the stored document is loaded; rejects if it cannot be. */
  readonly ready: Promise<void>;
  private bytes = 0;
  /** Structs in the room's copy plus those of updates stored but not yet applied (`LIMITS.maxDocumentItems`). */
  private items = 0;
  private partsInFlight = 0;
  private inFlight = 0;
  private idle: (() => void) | null = null;
  private readonly compaction: LogCompaction;
  private readonly preview: ActionStepPreview;
  private failed = false;
  /** The stored log is all in `doc` (a copy that failed to load must never be kept for others). */
  private loaded = false;
  /** Stops reads of the meeting (facts, export, search, history) using this room's copy. */
  private stopServing: () => void = () => undefined;
  /** Yjs client ids: whose they are, attested by the server, or whom they are reserved for (see `claim`). */
  private readonly clientIds = new ClientIds();
  /** Per client id, the clock that the stored and accepted updates reach. */
  private accepted = new Map<number, number>();
  /** Updates waiting for what they build on, per connection, in the order they came. */
  private readonly held = new HeldUpdates();
  private readonly acks = new SavedAcks();
  /** Stored updates waiting to be applied to `doc`, in the order they were stored (turnBudget.ts). */
  private readonly applies = new SlicedQueue();
  /** Updates being stored, or stored and not yet applied to `doc` (what the next update may build on). */
  private readonly storing = new Set<Decoded>();
  private readonly admission: Admission;
  /** While the meeting is finished, updates that add anything are kept aside, never stored. */
  private readonly gate: FinishedGate;
  private readonly awareness: RoomAwareness;
  /** The other processes serving this meeting (`REDIS_URL`), or null on a single process. */
  private readonly link: RoomLink | null;

  constructor(
    readonly meetingId: string,
    private readonly services: Services,
  ) {
    const copy = takeCopy(meetingId, services);
    this.doc = copy.doc;
    this.keptUpTo = copy.keptUpTo;
    this.gate = new FinishedGate(meetingId, services);
    this.admission = new Admission(meetingId, services, this.doc, this.clientIds, this.storing);
    this.preview = new ActionStepPreview(meetingId, this.doc, services);
    this.awareness = new RoomAwareness(this.connections, this.clientIds, services.logger, meetingId, (u) =>
      this.link?.awareness(u),
    );
    this.link = services.roomLinks?.(this) ?? null;
    this.compaction = new LogCompaction(meetingId, services, this.link, (bytesFreed) => (this.bytes -= bytesFreed));
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    // The stored log, applied to the copy (the finished state is told to the gate before anything is applied).
    const stored = await loadCopy(this.meetingId, this.doc, this.keptUpTo, this.services, (finished) =>
      this.gate.loaded(finished),
    );
    this.clientIds.load(stored.owners);
    this.accepted = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    this.bytes = stored.bytes;
    this.items = countStructs(this.doc);
    this.compaction.loaded(stored.rows, this.items);
    // From now on every read of the meeting uses this copy instead of rebuilding one from the log.
    this.stopServing = this.services.documents.serveLive(this.meetingId, this.doc);
    this.preview.loaded();
    this.link?.loaded(stored.lastId);
    this.loaded = true;
  }

  /** Adds a connection; once loaded, greets it with the server's state and starts handling its frames. */
  async join(conn: CollabConnection): Promise<void> {
    this.connections.add(conn);
    await this.ready;
    if (conn.closed) return;
    // Someone (re)joining may come from a process that stopped before it could tell this one: read the log.
    this.link?.missing();
    conn.send(encodeSyncStep1(this.doc));
    this.awareness.sendAll(conn);
    conn.start((frame) => this.handle(conn, frame));
  }

  /** Removes a connection and its awareness states. Returns true when the room is now empty. */
  leave(conn: CollabConnection): boolean {
    this.connections.delete(conn);
    this.held.drop(conn);
    if (![...this.connections].some((other) => other.user.id === conn.user.id)) {
      this.services.events.emit('meetingLeft', { meetingId: this.meetingId, userId: conn.user.id });
    }
    this.awareness.left(conn);
    return this.connections.size === 0;
  }

  private handle(conn: CollabConnection, frame: Uint8Array): void {
    const message = readFrame(conn, frame, this.services.logger, this.meetingId);
    if (message === null) return;
    switch (message.kind) {
      case 'syncStep1':
        conn.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'update':
        this.receiveUpdate(conn, message);
        return;
      case 'empty':
        return;
      case 'awareness':
        // Only the sender's own states, size-checked, with its real name and role (awarenessPolicy.ts).
        this.awareness.receive(conn, message.update);
        return;
      case 'queryAwareness':
        this.awareness.sendAll(conn, { evenIfNone: true });
        return;
    }
  }

  /**
   * The meeting was finished (true) or reopened (false). From now on, while
   * finished, an edit is kept aside and its connection closed; updates a
   * connection had waiting for what they build on are such edits too.
   */
  setFinished(finished: boolean): void {
    this.gate.set(finished);
    if (!finished) return;
    for (const [conn, waiting] of this.held.takeAll()) {
      this.gate.keepAside(conn, Y.mergeUpdates(waiting.map((m) => m.update)));
    }
  }

  /** An update from a connection: stored now if the room has all it builds on, held back if not. */
  private receiveUpdate(conn: CollabConnection, message: UpdateMessage): void {
    if (this.failed) return;
    if (!this.admission.claim(conn, message.clocks.keys())) return;
    if (this.gate.finished) {
      this.gate.refuse(conn, this.doc, this.accepted, message.decoded, message.update);
      return;
    }
    const after = reachAfter(message.decoded, this.accepted);
    if (after === null) {
      if (!this.held.hold(conn, message)) {
        conn.close(CloseCode.TooManyMessages, 'too many updates waiting for what they build on');
        return;
      }
      // Held back, not stored: the ids are reserved for this user, never owned yet.
      for (const client of message.clocks.keys()) this.clientIds.reserve(conn.user.id, client);
      this.link?.missing();
      return;
    }
    this.store(conn, message, after);
    this.releaseHeld();
  }

  /** Stores every held update whose dependencies have now arrived, in each connection's order. */
  private releaseHeld(): void {
    this.held.release(
      (message) => reachAfter(message.decoded, this.accepted),
      (conn, message, after) => this.store(conn, message, after),
    );
  }

  /** Stores an update, then relays it, acknowledges it and applies it to the server's copy. */
  private store(conn: CollabConnection, message: UpdateMessage, after: Map<number, number>): void {
    const { update, clocks, deleted, relayable, parts } = message;
    if (this.failed) return;
    if (!this.admission.admit(conn, message, { bytes: this.bytes, items: this.items + this.partsInFlight })) return;
    this.partsInFlight += parts;
    for (const [client, clock] of after) this.accepted.set(client, clock);
    // Ownership is stored with the first stored update that uses the client id.
    const claims = [...clocks.keys()].filter((client) => !this.clientIds.owned(client));
    for (const client of claims) this.clientIds.own(client, conn.user.id);
    this.bytes += update.byteLength;
    this.inFlight++;
    this.storing.add(message.decoded);
    this.services.documents.append(this.meetingId, update, conn.user.id, claims).then(
      (rowId) => {
        this.compaction.rowStored();
        this.link?.stored(rowId, update, conn.user.id, claims);
        this.broadcast(relayable ?? encodeUpdate(update), conn);
        if (conn.wantsAcks) this.acks.add(conn, clocks, deleted);
        // Applied in order, a turn's worth at a time; until then later updates are checked against it as pending.
        this.applies.push(() => {
          this.inFlight--;
          this.storing.delete(message.decoded);
          try {
            Y.applyUpdate(this.doc, update, conn);
            this.partsInFlight -= parts;
            this.items = countStructs(this.doc);
          } catch (err) {
            // Validation should make this impossible; if not, the room is closed, never the process.
            this.fail(err);
            this.settle();
            return;
          }
          if (claims.length > 0) {
            this.services.events.emit('authorsClaimed', {
              meetingId: this.meetingId,
              claims: claims.map((clientId) => ({ clientId, userId: conn.user.id })),
            });
          }
          this.afterStored();
          this.services.events.emit('documentStored', { meetingId: this.meetingId, userId: conn.user.id });
        });
      },
      (err: unknown) => {
        this.inFlight--;
        this.partsInFlight -= parts;
        this.storing.delete(message.decoded);
        this.fail(err);
        this.settle();
      },
    );
  }

  /**
   * An edit the server made for `userId` (restoring a section) with fresh
   * client ids, which become theirs: stored, relayed to every connection and
   * applied like any partner's update. Resolves once applied to the room's copy.
   */
  async applyServerEdit(update: Uint8Array, userId: string, clientIds: readonly number[]): Promise<void> {
    await this.ready;
    if (this.failed) throw new Error(`room ${this.meetingId} failed; the edit was not stored`);
    if (this.bytes + update.byteLength > LIMITS.maxDocumentBytes) throw errors.payloadTooLarge();
    for (const client of clientIds) {
      if (this.clientIds.holder(client) !== undefined) {
        throw new Error(`client id ${client} is already in use`);
      }
    }
    for (const client of clientIds) this.clientIds.own(client, userId);
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
      if (clock > (this.accepted.get(client) ?? 0)) this.accepted.set(client, clock);
    }
    this.bytes += update.byteLength;
    this.inFlight++;
    try {
      const rowId = await this.services.documents.append(this.meetingId, update, userId, clientIds);
      this.link?.stored(rowId, update, userId, clientIds);
    } catch (err) {
      this.inFlight--;
      this.fail(err);
      this.settle();
      throw err;
    }
    this.compaction.rowStored();
    this.broadcast(encodeUpdate(update), null);
    await new Promise<void>((resolve, reject) =>
      this.applies.push(() => {
        this.inFlight--;
        try {
          Y.applyUpdate(this.doc, update);
          this.items = countStructs(this.doc);
          resolve();
        } catch (err) {
          this.fail(err);
          this.settle();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }),
    );
    if (clientIds.length > 0) {
      this.services.events.emit('authorsClaimed', {
        meetingId: this.meetingId,
        claims: clientIds.map((clientId) => ({ clientId, userId })),
      });
    }
    this.afterStored();
    this.services.events.emit('documentStored', { meetingId: this.meetingId, userId: null });
    this.releaseHeld();
  }

  /** Wakes an unload that waits for the last in-flight write; every path out of a write must call this. */
  private settle(): void {
    if (this.inFlight === 0 && this.idle) this.idle();
  }

  private afterStored(): void {
    this.settle();
    this.preview.changed();
    this.compaction.compactIfDue();
  }

  /**
   * An update another process stored: applied, then relayed to the connections here, unless it adds
   * nothing (it came twice, over Redis and read back from the log). What updates held back here were
   * waiting for may have come with it.
   */
  applyRemote(update: Uint8Array, owners: ReadonlyMap<number, string>): void {
    if (this.failed) return;
    for (const [client, userId] of owners) if (!this.clientIds.owned(client)) this.clientIds.own(client, userId);
    this.applies.push(() => {
      if (this.failed) return;
      let added: Uint8Array | null;
      try {
        added = applyAndCapture(this.doc, update);
      } catch (err) {
        this.fail(err);
        return;
      }
      if (added === null) return;
      this.bytes += update.byteLength;
      // Stored by another process: it counts towards the partnership's storage here too.
      this.services.quotas.count(this.meetingId, update.byteLength);
      this.items = countStructs(this.doc);
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
        if (clock > (this.accepted.get(client) ?? 0)) this.accepted.set(client, clock);
      }
      this.broadcast(encodeUpdate(added), null);
      // Part of it waits for an update this process has not seen: read the log.
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) this.link?.missing();
      this.releaseHeld();
    });
  }

  applyRemoteAwareness(update: Uint8Array): void {
    this.awareness.fromRemote(update);
  }

  localAwareness(): Uint8Array | null {
    return this.awareness.local();
  }

  remoteCompacted({ bytesFreed }: Compaction): void {
    this.bytes = Math.max(0, this.bytes - bytesFreed);
    this.services.quotas.release(this.meetingId, bytesFreed);
  }

  /** Storage failed: nothing unstored may be relayed, so everyone reconnects and resends. */
  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.services.logger.error('collab', 'closing room after a storage failure', { meetingId: this.meetingId, err });
    for (const conn of this.connections) conn.close(CloseCode.InternalError, 'storage failure');
  }

  private broadcast(frame: Uint8Array, except: CollabConnection | null): void {
    for (const conn of this.connections) if (conn !== except) conn.send(frame);
  }

  /** Waits for in-flight writes, stores derived facts, compacts if worthwhile, and frees the doc. */
  async unload(): Promise<void> {
    // Never free the doc while the stored log is still being applied to it.
    await this.ready.catch(() => undefined);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    await this.preview.flush();
    await this.compaction.running;
    const grown = this.compaction.grownSinceLoad(this.items);
    if (!this.failed && grown) await this.compaction.compact();
    this.stopServing();
    this.link?.close();
    this.awareness.destroy();
    // Every write is stored and applied: later reads (export, search, facts) start from this copy
    // instead of rebuilding the document from the log.
    // A copy that never finished loading is dropped (not destroyed: it may be one kept earlier, which a
    // reader could still hold); it must not be kept, or reads and the next room would miss rows.
    if (this.failed) this.doc.destroy();
    else if (this.loaded) await this.services.documents.keep(this.meetingId, this.doc).catch(() => this.doc.destroy());
  }
}
