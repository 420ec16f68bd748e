/**
 * Everything live about one open meeting: its Y.Doc, the device's offline copy
 * of it (IndexedDB, read before the socket opens), the single WebSocket to
 * /collab/<meetingId> (stock y-websocket provider, asking for save acks, with
 * jittered reconnects), the hub that lets five editors share that socket, and
 * an honest summary for the page (live / reconnecting / offline / closed,
 * saved on the server or not, kept on this device or not).
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, isPermanentClose } from '../../../shared/closeCodes.js';
import { ACKS_PARAM, COLLAB_PATH } from '../../../shared/collabProtocol.js';
import { renewClientIdOnForeignClose } from '../../../shared/clientIdRenewal.js';
import { SECTIONS } from '../../../shared/sections.js';
import { keepSectionsDrawable } from '../editor/drawableView.js';
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
}

/** Origin for WebSockets on the page's own host (the dev server proxies /collab). */
export function pageWebSocketOrigin(): string {
  return `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}`;
}

export class MeetingConnection {
  readonly doc = new Y.Doc();
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

  constructor(
    readonly meetingId: string,
    options: MeetingConnectionOptions = {},
  ) {
    this.probe = options.probe ?? (async () => null);
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
    // Someone took our client id (4409): go on under a fresh one rather than stop for good.
    this.disposers.push(renewClientIdOnForeignClose(this.provider as never));
    this.saved = new SavedTracker(
      this.doc,
      this.provider,
      () => this.refresh(),
      (ids) => this.copy?.rememberOwnClients(ids),
    );
    const copyName = options.offlineCopyName ?? null;
    // The device's copy goes into the doc before the socket opens, so the first
    // sync sends the server whatever was typed here while offline.
    this.hub = new SharedProviderHub(
      this.provider,
      copyName === null
        ? undefined
        : {
            editors: options.editors ?? 1,
            run: () => {
              this.copy = new OfflineCopy(copyName, this.doc);
              return this.copy.loaded.then((loaded) => this.onCopyLoaded(loaded));
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
    const onClosed = ({ code }: { code: number }) => this.closePermanently(code);
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

  destroy(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.saved.destroy();
    this.hub.destroy();
    this.copy?.destroy();
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
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
    if (this.closeCode !== null && isPermanentClose(this.closeCode)) return 'closed';
    if (!this.online) return 'offline';
    if (this.provider.wsconnected && this.provider.synced) return 'live';
    return this.everConnected ? 'reconnecting' : 'connecting';
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
