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

type Listener = (...args: never[]) => void;
/** The untyped face of the provider's event emitter, for forwarding Lexical's listeners as they are. */
type Emitter = { on(name: string, listener: Listener): void; off(name: string, listener: Listener): void };

export class SharedProviderHub {
  private readonly wanting = new Set<ProviderHandle>();
  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set once the server has said "do not come back"; handles then stay closed. */
  private stopped = false;

  constructor(readonly inner: WebsocketProvider) {}

  /** A new handle for one editor. */
  handle(): ProviderHandle {
    return new ProviderHandle(this);
  }

  /** Stop for good (permanent close): later `connect()` calls are ignored. */
  stop(): void {
    this.stopped = true;
    this.inner.disconnect();
  }

  /**
   * Drop the socket and open a fresh one at once, if anyone wants it. A new
   * connection re-runs the sync handshake, which sends the server anything it
   * missed; a socket that silently lost frames would otherwise hold them back
   * until y-websocket's 30-second watchdog noticed.
   */
  reconnect(): void {
    if (this.stopped || this.wanting.size === 0) return;
    this.inner.disconnect();
    this.inner.connect();
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
    if (!this.stopped) this.inner.connect();
  }

  release(handle: ProviderHandle): void {
    if (this.stopped) return;
    if (!this.wanting.delete(handle) || this.wanting.size > 0 || this.disconnectTimer !== null) return;
    this.disconnectTimer = setTimeout(() => {
      this.disconnectTimer = null;
      if (this.wanting.size === 0) this.inner.disconnect();
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
