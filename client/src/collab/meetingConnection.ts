/**
 * Everything live about one open meeting: its Y.Doc, the device's offline copy
 * of it (IndexedDB, read before the socket opens), the single WebSocket to
 * /collab/<meetingId> (stock y-websocket provider, asking for save acks, with
 * jittered reconnects), the hub that lets five editors share that socket, and
 * an honest summary for the page (live / reconnecting / offline / closed,
 * saved on the server or not, kept on this device or not).
 *
 * A taken client id (close 4409) with words of ours under it that the server
 * never stored cannot go on in this doc: a Y.Doc cannot drop items, and the
 * sync handshake would send them under the taken id again. So this connection
 * hands over to a new one (`onRebase`): a new doc under a fresh client id, a
 * new provider and hub, the editors bound to them anew (the page remounts them,
 * keyed by `generation`: Lexical cannot rebind an editor to another doc), and
 * then, once they are bound, the old doc's state with the taken id's items
 * renamed to the fresh id (shared/clientIdRenewal.ts), the device's offline
 * copy replaced by it and the "Saved" tracker told which ids wrote here.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/closeCodes.js';
import { ACKS_PARAM, COLLAB_PATH } from '../../../shared/collabProtocol.js';
import { freshClientId, renameClient, renewClientIdOnForeignClose } from '../../../shared/clientIdRenewal.js';
import { SECTIONS } from '../../../shared/sections.js';
import { keepSectionsDrawable } from '../editor/drawableView.js';
import { connectionStatusOf } from './connectionState.js';
import { OfflineCopy, type LoadedCopy } from './offlineCopy.js';
import { SavedTracker } from './savedTracker.js';
import { SharedProviderHub } from './sharedProvider.js';

/**
 * A server that refuses the upgrade with HTTP 401/403/404 gives the browser no
 * close code, so y-websocket would retry for ever; after this many failures in
 * a row we ask the HTTP API why.
 */
const PROBE_AFTER_FAILURES = 3;

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** The permanent close code when `status` is 'closed'. */
  closeCode: number | null;
  /** True once the notes can be shown: loaded from the server, or from this device's copy. */
  loaded: boolean;
  /** True when everything typed here is stored on the server. */
  saved: boolean;
  /** True when changes are also kept in this device's offline copy (they survive a reload). */
  keptOnDevice: boolean;
}

export interface MeetingConnectionOptions {
  /** Asked, after a few refused attempts, whether we are still allowed in; a permanent close code when not. */
  probe?: () => Promise<number | null>;
  wsOrigin?: string;
  /** IndexedDB name of this device's copy (see offlineCopy.ts); null keeps no copy. */
  offlineCopyName?: string | null;
  /** How many editors will share the connection (the copy loads once they are all bound). */
  editors?: number;
  /** Take over from a connection whose client id was taken (see `onRebase`). */
  rebase?: Rebase;
  /**
   * Told when this connection must hand over to a new one, made with this
   * `rebase`: someone took our client id while words of ours under it were
   * unsent. Without it such a close is final.
   */
  onRebase?: (rebase: Rebase) => void;
}

/** What a connection hands over when its client id was taken. */
export interface Rebase {
  /** The connection handing over: its doc is read once the new editors are bound, then it is destroyed. */
  predecessor: MeetingConnection;
  /** The taken id: its items move to `clientId`. */
  takenId: number;
  /** The fresh client id of the new doc. */
  clientId: number;
  /** Client ids other than the taken one that wrote on this device and are in the doc. */
  ownClients: number[];
}

/** Origin of the transaction that fills a new doc from its predecessor's. */
const REBASED = Symbol('rebased');

/** Origin for WebSockets on the page's own host (the dev server proxies /collab). */
export function pageWebSocketOrigin(): string {
  return `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}`;
}

export class MeetingConnection {
  readonly doc = new Y.Doc();
  /** 0 for the first connection to a meeting, one more for each that took over (the editors are keyed by it). */
  readonly generation: number;
  readonly provider: WebsocketProvider;
  readonly hub: SharedProviderHub;
  private readonly saved: SavedTracker;
  private readonly listeners = new Set<() => void>();
  private everConnected = false;
  private closeCode: number | null = null;
  private loaded = false;
  private copy: OfflineCopy | null = null;
  private copyLoaded = false;
  private keptOnDevice = false;
  private online = navigator.onLine;
  private snapshot: ConnectionSnapshot;
  /** Our awareness while the page is hidden in the back/forward cache. */
  private parkedAwareness: Record<string, unknown> | null = null;
  private readonly disposers: Array<() => void> = [];

  /** Failed attempts in a row that never opened; a refused upgrade looks like this (no close code). */
  private failedAttempts = 0;
  private probing = false;

  private readonly probe: () => Promise<number | null>;
  /** The connection this one takes over from, until its doc has been read. */
  private predecessor: MeetingConnection | null = null;
  /** Set when our client id was taken and a new connection is to take over (from `from` to `to`). */
  private handingOver: { from: number; to: number } | null = null;
  private retired = false;
  private destroyed = false;

  constructor(
    readonly meetingId: string,
    options: MeetingConnectionOptions = {},
  ) {
    this.probe = options.probe ?? (async () => null);
    const { rebase, onRebase } = options;
    this.generation = rebase ? rebase.predecessor.generation + 1 : 0;
    if (rebase) {
      this.predecessor = rebase.predecessor;
      // Set before the provider exists, so its awareness is announced under the fresh id too.
      this.doc.clientID = rebase.clientId;
      // Taking over an open meeting: its notes are on screen and it was connected.
      this.loaded = true;
      this.everConnected = true;
    }
    // Content the editors cannot draw shows as plain text (before any editor binds to the doc).
    this.disposers.push(
      keepSectionsDrawable(
        this.doc,
        SECTIONS.map((section) => section.id),
      ),
    );
    const wsOrigin = options.wsOrigin ?? pageWebSocketOrigin();
    this.provider = new WebsocketProvider(`${wsOrigin}${COLLAB_PATH}`, meetingId, this.doc, {
      // The editors decide when to connect, through the hub.
      connect: false,
      params: { [ACKS_PARAM]: '1' },
      // Tabs must not feed each other behind the server's back: access is checked
      // per connection, and "Saved" must only ever mean the server stored it.
      disableBc: true,
    });
    // Someone took our client id (4409): go on under a fresh one rather than stop for good,
    // in a new doc when words of ours under the taken id were never stored.
    this.disposers.push(
      renewClientIdOnForeignClose(
        this.provider as never,
        onRebase === undefined
          ? {}
          : {
              onRenew: ({ from, to, rebase: handOver }) => {
                if (handOver) this.handingOver = { from, to };
              },
              onRebase: (_seed, clientId) => this.handOver(clientId, onRebase),
            },
      ),
    );
    this.saved = new SavedTracker(
      this.doc,
      this.provider,
      () => this.refresh(),
      (ids) => this.copy?.rememberOwnClients(ids),
    );
    if (rebase) this.saved.addOwnClients(rebase.ownClients);
    const copyName = options.offlineCopyName ?? null;
    // The device's copy (or the doc taken over) goes into the doc once every editor is bound and
    // before the socket opens, so the first sync sends the server whatever was typed here.
    this.hub = new SharedProviderHub(
      this.provider,
      copyName === null && rebase === undefined
        ? undefined
        : {
            editors: options.editors ?? 1,
            run: async () => {
              if (rebase) this.takeOver(rebase);
              if (copyName === null) return;
              if (rebase) {
                // The copy the device held has the taken id's items: it is replaced, in one step, by this doc.
                try {
                  await OfflineCopy.replace(copyName, Y.encodeStateAsUpdate(this.doc), this.saved.ownClients());
                } catch {
                  // Then it must not be opened (it would bring those items back): go on without one.
                  return;
                }
              }
              if (this.destroyed) return;
              this.copy = new OfflineCopy(copyName, this.doc, { holdsDoc: rebase !== undefined });
              this.onCopyLoaded(await this.copy.loaded);
            },
          },
    );
    this.snapshot = this.compute();

    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') this.everConnected = true;
      this.refresh();
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        this.copy?.applyMissing();
        this.loaded = true;
        this.failedAttempts = 0;
      }
      this.refresh();
    };
    const onClosed = ({ code }: { code: number }) => {
      // Our id was taken with unsent words under it: a new connection takes over (handOver), this is not the end.
      if (code === CloseCode.ForeignClientId && this.handingOver !== null) return;
      this.closePermanently(code);
    };
    const onConnectionClose = () => {
      if (this.provider.synced) return;
      this.failedAttempts += 1;
      if (this.failedAttempts % PROBE_AFTER_FAILURES === 0) void this.checkAccess();
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('closed', onClosed);
    this.provider.on('connection-close', onConnectionClose);
    this.disposers.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('closed', onClosed);
      this.provider.off('connection-close', onConnectionClose);
    });

    // When the network changes under us the old socket cannot be trusted (frames
    // may have vanished without it closing), so start a fresh one either way.
    const onOnline = () => {
      this.online = true;
      this.hub.reconnect();
      this.refresh();
    };
    const onOffline = () => {
      this.online = false;
      this.copy?.applyMissing();
      this.hub.reconnect();
      this.refresh();
    };
    // Clear our cursor and name at once when the page goes away, instead of
    // leaving a ghost in the partner's view until awareness times out (~30 s).
    const onPageHide = () => {
      const state = this.provider.awareness.getLocalState();
      this.parkedAwareness = state;
      this.provider.awareness.setLocalState(null);
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && this.parkedAwareness !== null) {
        this.provider.awareness.setLocalState({
          ...this.parkedAwareness,
          focusing: false,
          anchorPos: null,
          focusPos: null,
        });
        this.parkedAwareness = null;
      }
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    this.disposers.push(() => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    });
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  /** Stop syncing for good, e.g. when the server said we may not be here. */
  closePermanently(code: number): void {
    if (this.closeCode !== null) return;
    this.closeCode = code;
    this.hub.stop();
    this.refresh();
  }

  /**
   * The meeting was reopened: if the server had closed us because it was finished
   * (`CloseCode.MeetingFinished`), connect again. Other permanent closes stay closed.
   */
  resumeAfterReopen(): void {
    if (this.closeCode !== CloseCode.MeetingFinished) return;
    this.closeCode = null;
    this.hub.resume();
    this.refresh();
  }

  private onCopyLoaded({ hadContent, ownClients, kept }: LoadedCopy): void {
    this.saved.addOwnClients(ownClients);
    // Online, the notes show once the server has sent them (the copy then only adds what it lacks).
    this.copyLoaded = hadContent && !navigator.onLine;
    this.keptOnDevice = kept;
    this.refresh();
  }

  private async checkAccess(): Promise<void> {
    if (this.probing || this.closeCode !== null) return;
    this.probing = true;
    try {
      const code = await this.probe();
      if (code !== null) this.closePermanently(code);
    } finally {
      this.probing = false;
    }
  }

  /**
   * Our client id was taken while words of ours under it were unsent. Stops
   * everything but the doc (which the successor reads once its editors are
   * bound) and asks the owner for a successor.
   */
  private handOver(clientId: number, onRebase: (rebase: Rebase) => void): void {
    const handingOver = this.handingOver;
    if (handingOver === null || handingOver.to !== clientId || this.retired) return;
    const ownClients = this.saved.ownClients().filter((id) => id !== handingOver.from);
    this.retire();
    onRebase({ predecessor: this, takenId: handingOver.from, clientId, ownClients });
  }

  /**
   * Fills this doc, once the editors are bound to it, from the predecessor's
   * as it is now (with whatever was typed there since the close), the taken
   * id's items renamed to ours.
   */
  private takeOver({ takenId, clientId }: Rebase): void {
    const predecessor = this.predecessor;
    if (predecessor === null) return;
    this.predecessor = null;
    const seed = renameClient(Y.encodeStateAsUpdate(predecessor.doc), takenId, clientId);
    predecessor.destroy();
    // Yjs applies an update as a remote change, and gives a doc a new client id when a remote change
    // writes under its own: the seed goes in while the doc writes under a throwaway id.
    this.doc.clientID = freshClientId(clientId);
    try {
      Y.applyUpdate(this.doc, seed, REBASED);
    } finally {
      this.doc.clientID = clientId;
    }
    // The words moved to the fresh id were written here (the tracker saw them arrive under another id).
    this.saved.addOwnClients([clientId]);
  }

  /** Stops syncing and keeping a copy, for good; the doc stays readable until `destroy`. */
  private retire(): void {
    if (this.retired) return;
    this.retired = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.saved.destroy();
    this.hub.destroy();
    this.copy?.destroy();
    this.copy = null;
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.retire();
    this.predecessor?.destroy();
    this.predecessor = null;
    this.doc.destroy();
    this.listeners.clear();
  }

  private compute(): ConnectionSnapshot {
    return {
      status: this.status(),
      closeCode: this.closeCode,
      loaded: this.loaded || this.copyLoaded,
      saved: this.saved.isSaved(),
      keptOnDevice: this.keptOnDevice,
    };
  }

  private status(): ConnectionStatus {
    return connectionStatusOf({
      closeCode: this.closeCode,
      online: this.online,
      connectedAndSynced: this.provider.wsconnected && this.provider.synced,
      everConnected: this.everConnected,
    });
  }

  private refresh(): void {
    const next = this.compute();
    const prev = this.snapshot;
    if (
      next.status === prev.status &&
      next.closeCode === prev.closeCode &&
      next.loaded === prev.loaded &&
      next.saved === prev.saved &&
      next.keptOnDevice === prev.keptOnDevice
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
