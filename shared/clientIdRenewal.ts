/**
 * An honest client whose Yjs client id was taken goes on with a fresh one.
 *
 * The server closes a connection with `CloseCode.ForeignClientId` when an
 * update uses a client id someone else owns. A hostile partner can read a
 * client id from awareness and, when the room has forgotten who announced it
 * (everyone left and the meeting was unloaded), store under it first. The
 * victim then gets 4409 on its next keystroke. Instead of stopping for good,
 * the client gives its doc a fresh client id (Yjs writes every later change
 * under `doc.clientID`) and reconnects.
 *
 * What was written under the old id and never stored cannot simply be sent
 * again: the sync handshake would send it under the old id and be refused
 * again, and a Y.Doc cannot drop items. So the doc's whole state is re-encoded
 * with the old id's items renamed to the fresh id (`renameClient`), and the
 * owner of the provider swaps in a new doc made from it (`onRebase`): the
 * unsent words reach the server as the fresh id's. Renewals are counted, and
 * after `MAX_RENEWALS_WITHOUT_SYNC` closes in a row without a successful sync
 * the close is final, as before.
 *
 * Pure TypeScript with no DOM or Node: the browser (meetingConnection.ts) and
 * the integration tests use this very code with real `WebsocketProvider`s.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, isPermanentClose } from './closeCodes.js';

/** Closes with 4409 in a row, without a successful sync between them, that are answered with a fresh id. */
export const MAX_RENEWALS_WITHOUT_SYNC = 3;

/** What we need of a y-websocket `WebsocketProvider`. */
export interface RenewingProvider {
  doc: Y.Doc;
  /** y-protocols' Awareness: its client id and our state move to the fresh id too. */
  awareness: {
    clientID: number;
    getLocalState(): Record<string, unknown> | null;
    setLocalState(state: Record<string, unknown> | null): void;
  };
  shouldReconnect: (event: { code: number }, provider: never) => boolean;
  on(name: 'sync', listener: (synced: boolean) => void): void;
  off(name: 'sync', listener: (synced: boolean) => void): void;
}

/** A random 32-bit client id other than `old` (the same range Yjs draws from). */
export function freshClientId(old: number, random: () => number = Math.random): number {
  for (;;) {
    const id = Math.floor(random() * 0x1_0000_0000) >>> 0;
    if (id !== old) return id;
  }
}

/** The client id a 4409 close names ("client id N belongs to someone else"), if it names one. */
export function foreignClientId(reason: string): number | null {
  const match = /client id (\d+)/.exec(reason);
  return match ? Number(match[1]) : null;
}

export interface RenewalOptions {
  random?: () => number;
  /**
   * Told each time the doc's client id is replaced; `rebase` when a new doc
   * must take over (`onRebase` follows, and the provider's close is not final).
   */
  onRenew?: (change: { from: number; to: number; rebase: boolean }) => void;
  /**
   * Items were written under the taken id: the provider stops, and the owner
   * should open a new doc with client id `clientId` from `seed` (the old doc's
   * state, renamed) and connect that instead. Without it such a close is final.
   */
  onRebase?: (seed: Uint8Array, clientId: number) => void;
}

/**
 * Makes `provider` answer `CloseCode.ForeignClientId` by switching its doc to a
 * fresh client id and reconnecting (or handing a renamed copy to `onRebase`).
 * Other 4400-4499 codes stay permanent. Returns a function that undoes this.
 */
export function renewClientIdOnForeignClose(provider: RenewingProvider, options: RenewalOptions = {}): () => void {
  let renewals = 0;
  // The provider and the reconnect logic may both ask about the same close; it is answered once.
  const answered = new WeakMap<object, boolean>();
  const previous = provider.shouldReconnect;
  const onSync = (synced: boolean) => {
    if (synced) renewals = 0;
  };
  provider.shouldReconnect = (event) => {
    if (event.code !== CloseCode.ForeignClientId) return !isPermanentClose(event.code);
    const known = answered.get(event);
    if (known !== undefined) return known;
    let renew = renewals < MAX_RENEWALS_WITHOUT_SYNC;
    if (renew) {
      renewals += 1;
      const doc = provider.doc;
      const current = doc.clientID;
      const from = foreignClientId((event as { reason?: string }).reason ?? '') ?? current;
      const to = freshClientId(current, options.random);
      if (Y.getState(doc.store, from) > 0) {
        // Items under the taken id: only a new doc can leave them behind.
        renew = false;
        if (options.onRebase) {
          const seed = renameClient(Y.encodeStateAsUpdate(doc), from, to);
          const onRebase = options.onRebase;
          options.onRenew?.({ from, to, rebase: true });
          setTimeout(() => onRebase(seed, to), 0);
        }
      } else {
        doc.clientID = to;
        // Our cursor and name now belong to the fresh id: drop the old state, announce the new one.
        const state = provider.awareness.getLocalState();
        provider.awareness.setLocalState(null);
        provider.awareness.clientID = to;
        if (state !== null) provider.awareness.setLocalState(state);
        options.onRenew?.({ from: current, to, rebase: false });
      }
    }
    answered.set(event, renew);
    return renew;
  };
  provider.on('sync', onSync);
  return () => {
    provider.shouldReconnect = previous;
    provider.off('sync', onSync);
  };
}

/** Writes Yjs structs in update format v1 (what Yjs's own `UpdateEncoderV1` does; Yjs does not export it). */
class UpdateEncoderV1 {
  readonly restEncoder = encoding.createEncoder();
  toUint8Array(): Uint8Array {
    return encoding.toUint8Array(this.restEncoder);
  }
  resetDsCurVal(): void {}
  writeDsClock(clock: number): void {
    encoding.writeVarUint(this.restEncoder, clock);
  }
  writeDsLen(len: number): void {
    encoding.writeVarUint(this.restEncoder, len);
  }
  writeLeftID(id: Y.ID): void {
    encoding.writeVarUint(this.restEncoder, id.client);
    encoding.writeVarUint(this.restEncoder, id.clock);
  }
  writeRightID(id: Y.ID): void {
    this.writeLeftID(id);
  }
  writeClient(client: number): void {
    encoding.writeVarUint(this.restEncoder, client);
  }
  writeInfo(info: number): void {
    encoding.writeUint8(this.restEncoder, info);
  }
  writeString(s: string): void {
    encoding.writeVarString(this.restEncoder, s);
  }
  writeParentInfo(isYKey: boolean): void {
    encoding.writeVarUint(this.restEncoder, isYKey ? 1 : 0);
  }
  writeTypeRef(info: number): void {
    encoding.writeVarUint(this.restEncoder, info);
  }
  writeLen(len: number): void {
    encoding.writeVarUint(this.restEncoder, len);
  }
  writeAny(any: unknown): void {
    encoding.writeAny(this.restEncoder, any as never);
  }
  writeBuf(buf: Uint8Array): void {
    encoding.writeVarUint8Array(this.restEncoder, buf);
  }
  writeJSON(embed: unknown): void {
    encoding.writeVarString(this.restEncoder, JSON.stringify(embed));
  }
  writeKey(key: string): void {
    encoding.writeVarString(this.restEncoder, key);
  }
}

/**
 * `update` (format v1) with every item of client `from` given to client `to`
 * instead, at the same clocks, and every reference to them (origins, parents,
 * deletions) following. `to` must not appear in `update`.
 */
export function renameClient(update: Uint8Array, from: number, to: number): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update);
  const rename = <T extends Y.ID | null>(id: T): T =>
    (id !== null && id.client === from ? Y.createID(to, id.clock) : id) as T;
  const byClient = new Map<number, Y.AbstractStruct[]>();
  for (const struct of structs) {
    (struct as { id: Y.ID }).id = rename(struct.id);
    if (struct instanceof Y.Item) {
      struct.origin = rename(struct.origin);
      struct.rightOrigin = rename(struct.rightOrigin);
      if (struct.parent instanceof Y.ID) struct.parent = rename(struct.parent) as never;
    }
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }
  const encoder = new UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as Y.AbstractStruct).id.clock);
    for (const struct of list)
      (struct as unknown as { write(e: UpdateEncoderV1, offset: number): void }).write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client === from ? to : client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
