/**
 * The device's own copy of an open meeting, in IndexedDB (y-indexeddb), so a
 * partner whose wifi drops keeps typing, can reload the tab, and loses nothing:
 * when the connection is back the sync handshake sends the server whatever it
 * has not got, and the partner's words merge in.
 *
 * It holds the same Y.Doc's updates (the same CRDT state the server has, plus
 * what was typed here), never a seed: an empty copy adds nothing. It is not
 * "Saved": only the server's acknowledgement is (see savedTracker.ts).
 *
 * One database per person per meeting, so someone else signing in on a shared
 * school laptop never loads (or sends) another person's copy; signing out
 * deletes them all (offlineCopies.ts).
 *
 * The copy is read into a staging doc of its own and handed to the meeting's
 * doc as ONE update, the same shape as the server's sync step 2, and only when
 * it is wanted: offline at once (it is all there is), online after the
 * server's sync and only for what the server lacks, so an open page never
 * shows an older device copy that the server's notes then rewrite in front of
 * the reader. Every change to the meeting's doc is passed on to the staging
 * doc, which y-indexeddb stores.
 */
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { registerOfflineCopy } from './offlineCopies.js';

/** Key in the copy's own store: client ids that wrote on this device (see SavedTracker). */
const OWN_CLIENTS_KEY = 'ownClients';
/** Most client ids remembered per meeting (a new one per tab that writes). */
const MAX_OWN_CLIENTS = 500;
/**
 * How long the connection waits for the copy before going ahead without it
 * (storage can stall, e.g. behind a deletion waiting for another tab); the copy
 * still merges in whenever it arrives, being the same document.
 */
const LOAD_TIMEOUT_MS = 3_000;

export interface LoadedCopy {
  /** True when the device had something of this meeting stored. */
  hadContent: boolean;
  /** Client ids that wrote on this device before. */
  ownClients: number[];
  /** True when the copy is open, so changes from now on are kept on this device. */
  kept: boolean;
}

export class OfflineCopy {
  /** What y-indexeddb reads and writes: the stored copy, then everything the meeting's doc does. */
  private readonly staging = new Y.Doc();
  private readonly persistence: IndexeddbPersistence | null;
  /** The stored copy is waiting to be added (see applyMissing). */
  private missing = false;
  /** Settles once the copy is in the doc (or we know there is none to be had). */
  readonly loaded: Promise<LoadedCopy>;
  private readonly forward = (update: Uint8Array, origin: unknown) => {
    if (origin !== this) Y.applyUpdate(this.staging, update, this);
  };

  /**
   * @param holdsDoc True when the doc's present state belongs in the copy (it
   *   replaces the copy the device held, see `replace`): it is stored when the copy opens.
   */
  constructor(
    readonly name: string,
    private readonly doc: Y.Doc,
    { holdsDoc = false }: { holdsDoc?: boolean } = {},
  ) {
    if (holdsDoc) Y.applyUpdate(this.staging, Y.encodeStateAsUpdate(doc), this);
    // Changes made while the copy opens are passed on too; y-indexeddb stores the
    // staging doc's whole state when it opens, so none is missed.
    doc.on('update', this.forward);
    this.persistence = openPersistence(name, this.staging);
    this.loaded = this.load(doc);
  }

  /**
   * Replaces what the device keeps of a meeting by `state` and the client ids
   * that wrote here, in one IndexedDB transaction, so that no moment exists in
   * which the device holds neither the old copy nor the new one. For a doc that
   * had to leave a taken client id behind (see meetingConnection.ts): the old
   * copy holds items under that id, which must never be loaded or sent again.
   * The copy being replaced must be destroyed first (so nothing of it is written after).
   */
  static async replace(name: string, state: Uint8Array, ownClients: number[]): Promise<void> {
    if (typeof indexedDB === 'undefined') return;
    // The same stores y-indexeddb creates.
    const db = await idb.openDB(name, (created) =>
      idb.createStores(created, [['updates', { autoIncrement: true }], ['custom']]),
    );
    try {
      const [updates, custom] = idb.transact(db, ['updates', 'custom']) as [IDBObjectStore, IDBObjectStore];
      await Promise.all([
        idb.rtop(updates.clear()),
        // Stored as y-indexeddb stores its updates: the Uint8Array itself (lib0 types it more narrowly).
        idb.addAutoKey(updates, state as unknown as ArrayBuffer),
        idb.put(custom, JSON.stringify(ownClients.slice(-MAX_OWN_CLIENTS)), OWN_CLIENTS_KEY),
      ]);
    } finally {
      db.close();
    }
  }

  /** Adds what this device has and the meeting's doc lacks (after the server's sync, or on going offline). */
  applyMissing(): void {
    if (!this.missing) return;
    this.missing = false;
    const diff = Y.encodeStateAsUpdate(this.staging, Y.encodeStateVector(this.doc));
    Y.applyUpdate(this.doc, diff, this);
  }

  /** Remembers which client ids wrote here, so a reloaded tab knows what still needs saving. */
  rememberOwnClients(ids: number[]): void {
    void this.persistence?.set(OWN_CLIENTS_KEY, JSON.stringify(ids.slice(-MAX_OWN_CLIENTS))).catch(() => undefined);
  }

  destroy(): void {
    this.doc.off('update', this.forward);
    const closed = this.persistence?.destroy().catch(() => undefined);
    void Promise.resolve(closed).finally(() => this.staging.destroy());
  }

  private async load(doc: Y.Doc): Promise<LoadedCopy> {
    const persistence = this.persistence;
    if (persistence === null) return { hadContent: false, ownClients: [], kept: false };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the offline copy took too long to open')), LOAD_TIMEOUT_MS);
    });
    try {
      // whenSynced never settles if the database cannot be opened; its opening promise rejects.
      await Promise.race([persistence._db.then(() => persistence.whenSynced), timeout]);
      const stored: unknown = await persistence.get(OWN_CLIENTS_KEY);
      const hadContent = this.staging.store.clients.size > 0;
      // Offline, the copy is all there is: it goes in whole. Online, the server's sync brings the notes
      // and only what the server lacks is added from here (applyMissing).
      if (hadContent && !navigator.onLine) Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.staging), this);
      else this.missing = hadContent;
      return { hadContent, ownClients: parseClientIds(stored), kept: true };
    } catch {
      // Storage refused (private browsing, quota): carry on with the server alone.
      return { hadContent: false, ownClients: [], kept: false };
    } finally {
      clearTimeout(timer);
    }
  }
}

function openPersistence(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const persistence = new IndexeddbPersistence(name, doc);
    registerOfflineCopy(name);
    return persistence;
  } catch {
    return null;
  }
}

function parseClientIds(value: unknown): number[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isSafeInteger(id)) : [];
  } catch {
    return [];
  }
}
