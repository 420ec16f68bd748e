/**
 * "Saved" means the server said so. The collaboration socket (opened with
 * `acks=1`) sends MESSAGE_SAVED with, per Yjs client id, the clock below which
 * that client's changes are stored. We are saved when, for every client id
 * that wrote on this device, what the server has stored has caught up with
 * what this document holds.
 *
 * "Every client id that wrote on this device": a tab reloaded while offline
 * gets a new client id, but the words typed before the reload (kept in the
 * device's offline copy) still belong to the old one, and are not saved until
 * the server says so. The server's sync step 1 (its state vector, sent on
 * every connection once the stored document is loaded) counts as an
 * acknowledgement too: it is what the server holds.
 *
 * Deletions move no clock, so each change that deletes something and is on
 * its way to the server (anything the provider did not itself receive) leaves
 * its deleted ranges pending until an acknowledgement lists them as stored.
 * After a reconnect the sync step 2 carries the whole delete set, and its
 * acknowledgement settles whatever an earlier socket left pending.
 */
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../../shared/collabProtocol.js';
import { decodeSavedBody, type SavedAck } from '../../../shared/savedMessage.js';
import { PendingDeletions } from './pendingDeletions.js';

/** y-websocket's message type for sync, and y-protocols' sub-type for step 1. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;

export class SavedTracker {
  /** Highest clock known to be stored on the server, per client id (never goes backwards). */
  private readonly stored = new Map<number, number>();
  /** Client ids whose changes were made on this device (this tab, or an earlier one offline). */
  private readonly own = new Set<number>();
  /** Deletions on their way to the server, not yet acknowledged. */
  private readonly deletions = new PendingDeletions();
  private lastSaved: boolean;
  private readonly onUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin !== this.provider) {
      for (const [client, items] of transaction.deleteSet.clients) {
        for (const { clock, len } of items) this.deletions.add({ client, clock, len });
      }
    }
    this.noteOwnClient();
    this.check();
  };

  /**
   * @param onOwnClientsChange Told when a new client id starts writing here,
   *   so it can be remembered with the offline copy.
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly onChange: () => void,
    private readonly onOwnClientsChange: (ids: number[]) => void = () => undefined,
  ) {
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder: decoding.Decoder) => {
      this.record(decodeSavedBody(decoder));
    };
    const handleSync = provider.messageHandlers[MESSAGE_SYNC];
    if (handleSync !== undefined) {
      provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
        this.peekServerState(decoder);
        handleSync(encoder, decoder, ...rest);
      };
    }
    doc.on('update', this.onUpdate);
    this.lastSaved = this.isSaved();
  }

  /** Client ids that wrote on this device in an earlier tab (read back from the offline copy). */
  addOwnClients(ids: Iterable<number>): void {
    for (const id of ids) this.own.add(id);
    this.check();
  }

  /** Client ids that have written on this device and are in the document. */
  ownClients(): number[] {
    return [...this.own].filter((id) => Y.getState(this.doc.store, id) > 0);
  }

  /** The clock below which the server has stored this client's changes. */
  storedClock(client: number): number {
    return this.stored.get(client) ?? 0;
  }

  /** True when every change made on this device is acknowledged as stored. */
  isSaved(): boolean {
    if (!this.deletions.isEmpty) return false;
    // Read the client id each time: Yjs may change it if it detects a clash.
    for (const client of [this.doc.clientID, ...this.own]) {
      if ((this.stored.get(client) ?? 0) < Y.getState(this.doc.store, client)) return false;
    }
    return true;
  }

  /** True once this document has changed anything at all. */
  hasLocalChanges(): boolean {
    return Y.getState(this.doc.store, this.doc.clientID) > 0;
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
  }

  private noteOwnClient(): void {
    const client = this.doc.clientID;
    if (this.own.has(client) || Y.getState(this.doc.store, client) === 0) return;
    this.own.add(client);
    this.onOwnClientsChange(this.ownClients());
  }

  /** Reads the server's state vector out of a sync step 1, leaving the decoder untouched. */
  private peekServerState(decoder: decoding.Decoder): void {
    try {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) !== SYNC_STEP_1) return;
      this.record({ clocks: Y.decodeStateVector(decoding.readVarUint8Array(peek)), deleted: [] });
    } catch {
      // Not ours to judge: the provider's own handler reads the same bytes next.
    }
  }

  private record({ clocks, deleted }: SavedAck): void {
    for (const [client, clock] of clocks) {
      if (clock > (this.stored.get(client) ?? 0)) this.stored.set(client, clock);
    }
    for (const range of deleted) this.deletions.confirm(range);
    this.check();
  }

  private check(): void {
    const saved = this.isSaved();
    if (saved !== this.lastSaved) {
      this.lastSaved = saved;
      this.onChange();
    }
  }
}
