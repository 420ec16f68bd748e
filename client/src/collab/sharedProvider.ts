/**
 * Lexical's CollaborationPlugin assumes one provider per editor: it calls
 * `connect()` when an editor mounts and `disconnect()` when it unmounts (twice,
 * in fact: once from the plugin and once from its provider hook). A meeting has
 * five editors on ONE Y.Doc and ONE WebSocket, so each editor gets a handle of
 * its own; the hub keeps the socket open while any handle wants it, and closes
 * it only when none has for a whole tick (so React re-running every effect at
 * once does not bounce the connection).
 */
import type { Provider } from '@lexical/yjs';
import type { WebsocketProvider } from 'y-websocket';
import { JitteredReconnect } from '../../../shared/reconnect.js';

type Listener = (...args: never[]) => void;
/** How long after the first editor the hub stops waiting for the others before preparing. */
const PREPARE_WAIT_MS = 1_000;
/** The untyped face of the provider's event emitter, for forwarding Lexical's listeners as they are. */
type Emitter = { on(name: string, listener: Listener): void; off(name: string, listener: Listener): void };

export class SharedProviderHub {
  private readonly wanting = new Set<ProviderHandle>();
  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set once the server has said "do not come back"; handles then stay closed. */
  private stopped = false;
  /** False until `prepare` has run, so the socket opens on top of what it loaded. */
  private ready: boolean;
  private prepareStarted = false;
  private prepareTimer: ReturnType<typeof setTimeout> | null = null;
  /** Opens and closes the socket, and retries with jitter when the connection drops. */
  private readonly link: JitteredReconnect;

  /**
   * @param prepare When given, `run` is called once `editors` handles want the
   *   connection (or a moment after the first does), and nothing connects until
   *   it settles. It loads the device's copy of the meeting: Lexical draws only
   *   changes it observes, so the copy must arrive after every editor is bound
   *   to the doc, and before the socket opens, so that the sync handshake
   *   includes what was typed offline.
   */
  constructor(
    readonly inner: WebsocketProvider,
    private readonly prepare?: { editors: number; run: () => Promise<unknown> },
  ) {
    this.link = new JitteredReconnect(inner);
    this.ready = prepare === undefined;
  }

  /** A new handle for one editor. */
  handle(): ProviderHandle {
    return new ProviderHandle(this);
  }

  /** Stop for good (permanent close): later `connect()` calls are ignored. */
  stop(): void {
    this.stopped = true;
    if (this.prepareTimer !== null) clearTimeout(this.prepareTimer);
    this.link.disconnect();
  }

  /**
   * Undo `stop()` when the reason for it has gone (a finished meeting was
   * reopened): connect again if any editor still wants the connection.
   */
  resume(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.ready && this.wanting.size > 0) this.link.connect();
  }

  /** Stop and let go of the provider's events (the meeting is being closed). */
  destroy(): void {
    this.stop();
    this.link.destroy();
  }

  /**
   * Drop the socket and open a fresh one at once, if anyone wants it. A new
   * connection re-runs the sync handshake, which sends the server anything it
   * missed; a socket that silently lost frames would otherwise hold them back
   * until y-websocket's 30-second watchdog noticed.
   */
  reconnect(): void {
    if (this.stopped || !this.ready || this.wanting.size === 0) return;
    this.link.reconnectNow();
  }

  /** Number of editors currently holding the connection open (for tests and debugging). */
  get users(): number {
    return this.wanting.size;
  }

  acquire(handle: ProviderHandle): void {
    this.wanting.add(handle);
    if (this.disconnectTimer !== null) {
      clearTimeout(this.disconnectTimer);
      this.disconnectTimer = null;
    }
    if (!this.stopped && this.ready) this.link.connect();
    else if (!this.ready) this.maybePrepare();
  }

  private maybePrepare(): void {
    const prepare = this.prepare;
    if (prepare === undefined || this.prepareStarted || this.stopped) return;
    if (this.wanting.size < prepare.editors) {
      // An editor that never mounts must not keep the meeting offline.
      this.prepareTimer ??= setTimeout(() => this.startPrepare(), PREPARE_WAIT_MS);
      return;
    }
    this.startPrepare();
  }

  private startPrepare(): void {
    if (this.prepareStarted || this.stopped || this.prepare === undefined) return;
    this.prepareStarted = true;
    if (this.prepareTimer !== null) clearTimeout(this.prepareTimer);
    this.prepareTimer = null;
    void this.prepare.run().finally(() => {
      this.ready = true;
      if (!this.stopped && this.wanting.size > 0) this.link.connect();
    });
  }

  release(handle: ProviderHandle): void {
    if (this.stopped) return;
    if (!this.wanting.delete(handle) || this.wanting.size > 0 || this.disconnectTimer !== null) return;
    this.disconnectTimer = setTimeout(() => {
      this.disconnectTimer = null;
      if (this.wanting.size === 0) this.link.disconnect();
    }, 0);
  }
}

/** What one editor sees as "its" provider. */
export class ProviderHandle implements Provider {
  constructor(private readonly hub: SharedProviderHub) {}

  get awareness(): Provider['awareness'] {
    // y-protocols' Awareness is structurally what Lexical expects; its state type is just looser.
    return this.hub.inner.awareness as unknown as Provider['awareness'];
  }

  connect(): void {
    this.hub.acquire(this);
  }

  disconnect(): void {
    this.hub.release(this);
  }

  on(type: string, listener: Listener): void {
    (this.hub.inner as unknown as Emitter).on(type, listener);
  }

  off(type: string, listener: Listener): void {
    (this.hub.inner as unknown as Emitter).off(type, listener);
  }
}
