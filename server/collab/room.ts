/**
 * A meeting's live room: the connections to it and, while anyone is connected,
 * the server's copy of its Y.Doc. Every update is validated, stored, then
 * relayed and acknowledged, in that order. An update that builds on something
 * the room does not have yet waits, per connection, until it has
 * (updateDependencies.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.js';
import { sectionFirstLine } from '../../shared/docText.js';
import { LIMITS } from '../../shared/limits.js';
import { encodeSavedMessage, type DeletedRange, type SavedAck } from '../../shared/savedMessage.js';
import { errors } from '../errors.js';
import { isMeetingFinished } from '../domain/meetings/finishing.js';
import { setActionStepPreview } from '../domain/meetings/meetingDocuments.js';
import type { Services } from '../services.js';
import { applyInSlices } from '../storage/slices.js';
import { AwarenessPolicy } from './awarenessPolicy.js';
import { ClientIds } from './clientIds.js';
import type { LinkedRoom, RoomLink } from './roomLink.js';
import type { Compaction } from '../storage/documentStore.js';
import type { CollabConnection } from './connection.js';
import { FinishedGate } from './finishedEdits.js';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessage,
  TooManyParts,
  type IncomingMessage,
} from './protocol.js';
import { checkRenderable, UnrenderableContent } from './updateContent.js';
import { excessiveCost } from './updateCost.js';
import { SlicedQueue } from './turnBudget.js';
import { reachAfter, type Decoded } from './updateDependencies.js';

type UpdateMessage = Extract<IncomingMessage, { kind: 'update' }>;

const PREVIEW_DELAY_MS = 1500;
/** Compact on unload when the log has grown by at least this many rows since load. */
const COMPACT_ON_UNLOAD_ROWS = 20;
/**
 * ...or by this many structs: a few dense rows cost more to load again than many keystrokes, and a
 * compacted row loads faster than the rows it replaces.
 */
const COMPACT_ON_UNLOAD_ITEMS = 2_000;

/** The origin of updates and awareness that came from another process. */
const REMOTE = Symbol('remote');

export class Room implements LinkedRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<CollabConnection>();
  /** Resolves once the stored document is loaded; rejects if it cannot be. */
  readonly ready: Promise<void>;
  private rows = 0;
  private rowsAtLoad = 0;
  private itemsAtLoad = 0;
  private bytes = 0;
  /** Structs in the room's copy plus those of updates stored but not yet applied (`LIMITS.maxDocumentItems`). */
  private items = 0;
  private partsInFlight = 0;
  private inFlight = 0;
  private idle: (() => void) | null = null;
  private compacting: Promise<unknown> | null = null;
  private previewTimer: NodeJS.Timeout | null = null;
  private previewDirty = false;
  private lastPreview: string | null | undefined;
  private failed = false;
  /** Stops reads of the meeting (facts, export, search, history) using this room's copy. */
  private stopServing: () => void = () => undefined;
  /** Yjs client ids: whose they are, attested by the server, or whom they are reserved for (see `claim`). */
  private readonly clientIds = new ClientIds();
  /** Per client id, the clock that the stored and accepted updates reach. */
  private accepted = new Map<number, number>();
  /** Updates waiting for what they build on, per connection, in the order they came. */
  private held = new Map<CollabConnection, UpdateMessage[]>();
  /** Acknowledgements waiting to go out, merged per connection so a burst costs one message. */
  private pendingAcks = new Map<CollabConnection, SavedAck>();
  /** Stored updates waiting to be applied to `doc`, in the order they were stored (turnBudget.ts). */
  private readonly applies = new SlicedQueue();
  /** Updates being stored, or stored and not yet applied to `doc` (what the next update may build on). */
  private storing = new Set<Decoded>();
  /** While the meeting is finished, updates that add anything are kept aside, never stored. */
  private readonly gate: FinishedGate;
  private readonly awarenessPolicy: AwarenessPolicy;
  /** The other processes serving this meeting (`REDIS_URL`), or null on a single process. */
  private readonly link: RoomLink | null;

  constructor(
    readonly meetingId: string,
    private readonly services: Services,
  ) {
    this.gate = new FinishedGate(meetingId, services);
    this.awarenessPolicy = new AwarenessPolicy(this.connections, services.logger, meetingId);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.trackAwareness);
    this.awareness.on('update', this.reserveAnnounced);
    this.link = services.roomLinks?.(this) ?? null;
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const [stored, finished] = await Promise.all([
      this.services.documents.load(this.meetingId),
      isMeetingFinished(this.services.db, this.meetingId),
      this.services.quotas.watch(this.meetingId),
    ]);
    this.gate.loaded(finished);
    // A row at a time, giving other meetings their turn: nobody reads this copy until it is loaded.
    await applyInSlices(this.doc, stored.updates, (err) => {
      // Updates are validated before they are stored, so this means damage on disk: keep the rest.
      this.services.logger.error('collab', 'skipped an unreadable stored update', { meetingId: this.meetingId, err });
    });
    this.clientIds.load(stored.owners);
    this.accepted = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    this.rows = this.rowsAtLoad = stored.rows;
    this.bytes = stored.bytes;
    this.items = this.itemsAtLoad = countStructs(this.doc);
    // From now on every read of the meeting uses this copy instead of rebuilding one from the log.
    this.stopServing = this.services.documents.serveLive(this.meetingId, this.doc);
    this.lastPreview = sectionFirstLine(this.doc, 'actionStep');
    this.link?.loaded(stored.lastId);
  }

  /** Adds a connection; once loaded, greets it with the server's state and starts handling its frames. */
  async join(conn: CollabConnection): Promise<void> {
    this.connections.add(conn);
    await this.ready;
    if (conn.closed) return;
    // Someone (re)joining may come from a process that stopped before it could tell this one: read the log.
    this.link?.missing();
    conn.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
    conn.start((frame) => this.handle(conn, frame));
  }

  /** Removes a connection and its awareness states. Returns true when the room is now empty. */
  leave(conn: CollabConnection): boolean {
    this.connections.delete(conn);
    this.held.delete(conn);
    if (![...this.connections].some((other) => other.user.id === conn.user.id)) {
      this.services.events.emit('meetingLeft', { meetingId: this.meetingId, userId: conn.user.id });
    }
    const ids = [...conn.awarenessIds];
    if (ids.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'leave');
      // Tell the others that the departed connection's cursors are gone.
      const removal = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      this.broadcast(encodeAwareness(removal), null);
      this.link?.awareness(removal);
    }
    return this.connections.size === 0;
  }

  private handle(conn: CollabConnection, frame: Uint8Array): void {
    let message: IncomingMessage;
    try {
      message = decodeMessage(frame);
    } catch (err) {
      if (err instanceof TooManyParts) {
        this.services.logger.warn('collab', 'update with too many parts', {
          meetingId: this.meetingId,
          userId: conn.user.id,
        });
        conn.close(CloseCode.MessageTooLarge, 'update has too many parts');
        return;
      }
      if (!(err instanceof MalformedMessage)) throw err;
      this.services.logger.warn('collab', 'malformed message', {
        meetingId: this.meetingId,
        userId: conn.user.id,
        reason: err.message,
      });
      conn.close(CloseCode.MalformedMessage, 'malformed message');
      return;
    }
    switch (message.kind) {
      case 'syncStep1':
        conn.send(encodeSyncStep2(this.doc, message.stateVector));
        return;
      case 'update':
        this.receiveUpdate(conn, message);
        return;
      case 'empty':
        return;
      case 'awareness': {
        // Only the sender's own states, size-checked, with its real name and role (awarenessPolicy.ts).
        const update = this.awarenessPolicy.accept(conn, message.update);
        if (update === null) return;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
        this.broadcast(encodeAwareness(update), conn);
        this.link?.awareness(update);
        return;
      }
      case 'queryAwareness':
        conn.send(
          encodeAwareness(
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
          ),
        );
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
    for (const [conn, waiting] of this.held) {
      this.held.delete(conn);
      this.gate.keepAside(conn, Y.mergeUpdates(waiting.map((m) => m.update)));
    }
  }

  /** An update from a connection: stored now if the room has all it builds on, held back if not. */
  private receiveUpdate(conn: CollabConnection, message: UpdateMessage): void {
    if (this.failed) return;
    if (!this.claim(conn, message.clocks.keys())) return;
    if (this.gate.finished) {
      this.gate.refuse(conn, this.doc, this.accepted, message.decoded, message.update);
      return;
    }
    const after = reachAfter(message.decoded, this.accepted);
    if (after === null) {
      const waiting = this.held.get(conn) ?? [];
      const heldBytes = waiting.reduce((sum, held) => sum + held.update.byteLength, message.update.byteLength);
      if (waiting.length >= LIMITS.maxQueuedMessages || heldBytes > LIMITS.maxHeldBytes) {
        conn.close(CloseCode.TooManyMessages, 'too many updates waiting for what they build on');
        return;
      }
      waiting.push(message);
      this.held.set(conn, waiting);
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
    for (let progress = true; progress;) {
      progress = false;
      for (const [conn, waiting] of this.held) {
        for (let i = 0; i < waiting.length;) {
          const message = waiting[i] as UpdateMessage;
          const after = reachAfter(message.decoded, this.accepted);
          if (after === null) {
            i++;
            continue;
          }
          waiting.splice(i, 1);
          this.store(conn, message, after);
          progress = true;
          if (conn.closed) {
            waiting.length = 0;
            break;
          }
        }
        if (waiting.length === 0) this.held.delete(conn);
      }
    }
  }

  /** Stores an update, then relays it, acknowledges it and applies it to the server's copy. */
  private store(conn: CollabConnection, message: UpdateMessage, after: Map<number, number>): void {
    const { update, clocks, deleted, relayable, parts } = message;
    if (this.failed) return;
    if (this.bytes + update.byteLength > LIMITS.maxDocumentBytes) {
      conn.close(CloseCode.DocumentTooLarge, 'document too large');
      return;
    }
    // A held-back update is checked again: its ids may have been stored by someone else meanwhile.
    if (!this.claim(conn, clocks.keys())) return;
    if (!this.renderable(conn, message.decoded)) return;
    if (this.items + this.partsInFlight + parts > LIMITS.maxDocumentItems) {
      conn.close(CloseCode.DocumentTooLarge, 'document has too many parts');
      return;
    }
    // Estimated on the room's copy, which may lack updates still being stored: those only add a little.
    const tooCostly = excessiveCost(this.doc, message.decoded.structs, this.storing);
    if (tooCostly) {
      this.services.logger.warn('collab', 'update too costly to apply', {
        meetingId: this.meetingId,
        userId: conn.user.id,
        reason: tooCostly,
      });
      conn.close(CloseCode.MessageTooLarge, 'update too costly to apply');
      return;
    }
    if (!this.services.quotas.admits(this.meetingId, update.byteLength)) {
      conn.close(CloseCode.StorageFull, 'partnership storage full');
      return;
    }
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
        this.rows++;
        this.link?.stored(rowId, update, conn.user.id, claims);
        this.broadcast(relayable ?? encodeUpdate(update), conn);
        if (conn.wantsAcks) this.acknowledge(conn, clocks, deleted);
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

  /** False (and the connection closed) when the update would leave a section the editors cannot draw. */
  private renderable(conn: CollabConnection, decoded: Decoded): boolean {
    try {
      checkRenderable(decoded, this.doc, this.storing);
      return true;
    } catch (err) {
      if (!(err instanceof UnrenderableContent)) throw err;
      this.services.logger.warn('collab', 'update the editors cannot draw', {
        meetingId: this.meetingId,
        userId: conn.user.id,
        reason: err.message,
      });
      conn.close(CloseCode.UnrenderableContent, 'content the editor cannot show');
      return false;
    }
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
    this.rows++;
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

  /**
   * The Yjs client ids in an update must be this user's or nobody's yet. One
   * that someone else stored under, announced in awareness or used in an
   * update still held back closes the connection (nothing is stored). An id
   * becomes its user's only when an update using it is stored (`store`, at
   * once, so a second update cannot race the first), or, until then, reserved
   * when announced or held back: an update that is never stored cannot take an
   * id from the person who announced it.
   */
  private claim(conn: CollabConnection, clients: Iterable<number>): boolean {
    for (const client of clients) {
      const owner = this.clientIds.holder(client);
      if (owner !== undefined && owner !== conn.user.id) {
        this.services.logger.warn('collab', "update written with the partner's client id", {
          meetingId: this.meetingId,
          userId: conn.user.id,
          client,
        });
        // The reason names the id, so an honest client knows which of its ids to give up.
        conn.close(CloseCode.ForeignClientId, `client id ${client} belongs to someone else`);
        return false;
      }
    }
    return true;
  }

  /** A client id first announced in awareness is reserved for the announcing user. */
  private reserveAnnounced = ({ added }: { added: number[] }, origin: unknown): void => {
    const conn = origin as CollabConnection | null;
    if (!conn || !this.connections.has(conn)) return;
    for (const id of added) this.clientIds.reserve(conn.user.id, id);
  };

  /** Queues a saved acknowledgement; all those from one stored batch go out as one message. */
  private acknowledge(conn: CollabConnection, clocks: Map<number, number>, deleted: DeletedRange[]): void {
    let pending = this.pendingAcks.get(conn);
    if (!pending) {
      const ack: SavedAck = { clocks: new Map(), deleted: [] };
      pending = ack;
      this.pendingAcks.set(conn, ack);
      // Runs after every callback of the batch that is resolving now.
      queueMicrotask(() => {
        this.pendingAcks.delete(conn);
        conn.send(encodeSavedMessage(ack));
      });
    }
    for (const [client, clock] of clocks) {
      if (clock > (pending.clocks.get(client) ?? 0)) pending.clocks.set(client, clock);
    }
    for (const range of deleted) pending.deleted.push(range);
  }

  /** Wakes an unload that waits for the last in-flight write; every path out of a write must call this. */
  private settle(): void {
    if (this.inFlight === 0 && this.idle) this.idle();
  }

  private afterStored(): void {
    this.settle();
    this.previewDirty = true;
    this.previewTimer ??= setTimeout(() => {
      this.previewTimer = null;
      void this.writePreview();
    }, PREVIEW_DELAY_MS).unref();
    if (this.rows - 1 >= LIMITS.compactAfterUpdates && !this.compacting) {
      this.compacting = this.compact().finally(() => (this.compacting = null));
    }
  }

  private async compact(): Promise<void> {
    try {
      const compaction = await this.services.documents.compact(this.meetingId);
      const { before, after, bytesFreed } = compaction;
      // With other processes the log also holds their rows, which this room does not count.
      this.rows = Math.max(after, this.rows - (before - after));
      if (before > after) this.link?.compacted(compaction);
      // What the log no longer holds counts neither against the meeting's size nor the partnership's storage.
      this.bytes -= bytesFreed;
      this.services.quotas.release(this.meetingId, bytesFreed);
      this.services.logger.debug('collab', 'compacted', { meetingId: this.meetingId, before, after });
    } catch (err) {
      // The log is intact (compaction is one transaction); the next trigger tries again.
      this.services.logger.error('collab', 'compaction failed', { meetingId: this.meetingId, err });
    }
  }

  private async writePreview(): Promise<void> {
    if (!this.previewDirty) return;
    this.previewDirty = false;
    const preview = sectionFirstLine(this.doc, 'actionStep');
    if (preview === this.lastPreview) return;
    try {
      await setActionStepPreview(this.services.db, this.meetingId, preview);
      this.lastPreview = preview;
    } catch (err) {
      this.services.logger.error('collab', 'could not store the action step preview', {
        meetingId: this.meetingId,
        err,
      });
    }
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
      let added: Uint8Array | null = null;
      const capture = (change: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) added = change;
      };
      this.doc.on('update', capture);
      try {
        Y.applyUpdate(this.doc, update, REMOTE);
      } catch (err) {
        this.fail(err);
        return;
      } finally {
        this.doc.off('update', capture);
      }
      if (added === null) return;
      this.bytes += update.byteLength;
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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    this.broadcast(encodeAwareness(update), null);
  }

  localAwareness(): Uint8Array | null {
    const ids = [...this.connections].flatMap((conn) => [...conn.awarenessIds]);
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  remoteCompacted({ bytesFreed }: Compaction): void {
    this.bytes = Math.max(0, this.bytes - bytesFreed);
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

  private trackAwareness = (
    { added, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin as CollabConnection | null;
    if (!conn || !this.connections.has(conn)) return;
    for (const id of added) conn.awarenessIds.add(id);
    for (const id of removed) conn.awarenessIds.delete(id);
  };

  /** Waits for in-flight writes, stores derived facts, compacts if worthwhile, and frees the doc. */
  async unload(): Promise<void> {
    // Never free the doc while the stored log is still being applied to it.
    await this.ready.catch(() => undefined);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    if (this.previewTimer) clearTimeout(this.previewTimer);
    await this.writePreview();
    await this.compacting;
    const grown =
      this.rows - this.rowsAtLoad >= COMPACT_ON_UNLOAD_ROWS ||
      (this.rows - this.rowsAtLoad >= 2 && this.items - this.itemsAtLoad >= COMPACT_ON_UNLOAD_ITEMS);
    if (!this.failed && grown) await this.compact();
    this.stopServing();
    this.link?.close();
    this.awareness.destroy();
    // Every write is stored and applied: later reads (export, search, facts) start from this copy
    // instead of rebuilding the document from the log.
    if (this.failed) this.doc.destroy();
    else await this.services.documents.keep(this.meetingId, this.doc).catch(() => this.doc.destroy());
  }
}

/** Structs in a document's store: a few array lengths, however large the document. */
function countStructs(doc: Y.Doc): number {
  let n = 0;
  for (const structs of doc.store.clients.values()) n += structs.length;
  return n;
}
