/**
 * "Saved" means the server said so. The collaboration socket (opened with
 * `acks=1`) sends MESSAGE_SAVED with, per Yjs client id, the clock below which
 * that client's changes are stored. We are saved when the stored clock for our
 * own client id has caught up with what this document has written locally.
 */
import type * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../../shared/collabProtocol.js';
import { decodeSavedBody } from '../../../shared/savedMessage.js';

export class SavedTracker {
  /** Highest acknowledged clock per client id (acks never go backwards for us). */
  private readonly stored = new Map<number, number>();
  private lastSaved: boolean;
  private readonly onUpdate = () => this.check();

  constructor(
    private readonly doc: Y.Doc,
    provider: WebsocketProvider,
    private readonly onChange: () => void,
  ) {
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder: decoding.Decoder) => {
      for (const [client, clock] of decodeSavedBody(decoder)) {
        if (clock > (this.stored.get(client) ?? 0)) this.stored.set(client, clock);
      }
      this.check();
    };
    doc.on('update', this.onUpdate);
    this.lastSaved = this.isSaved();
  }

  /** True when every change made here is acknowledged as stored. */
  isSaved(): boolean {
    // Read the client id each time: Yjs may change it if it detects a clash.
    const client = this.doc.clientID;
    return (this.stored.get(client) ?? 0) >= Y.getState(this.doc.store, client);
  }

  /** True once this document has changed anything at all. */
  hasLocalChanges(): boolean {
    return Y.getState(this.doc.store, this.doc.clientID) > 0;
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
  }

  private check(): void {
    const saved = this.isSaved();
    if (saved !== this.lastSaved) {
      this.lastSaved = saved;
      this.onChange();
    }
  }
}
