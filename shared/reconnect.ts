/**
 * Reconnecting the collaboration socket with jitter. The stock y-websocket
 * provider retries on a fixed exponential schedule (capped at 2.5 s) with no
 * randomness, so after a server restart every client in every classroom comes
 * back in the same few milliseconds. This takes over the provider's retries
 * without forking it: when a connection closes for a reason worth retrying, it
 * turns the provider's own retry into a no-op (`shouldConnect = false`) and
 * calls `connect()` itself after a "full jitter" delay, a random time between
 * zero and an exponentially growing ceiling.
 *
 * Pure TypeScript with no DOM or Node: the browser and the Node integration
 * tests run this very code against real `WebsocketProvider`s.
 */
import { CloseCode, isPermanentClose } from './closeCodes.js';

/** What we need of a y-websocket `WebsocketProvider`. */
export interface ReconnectingProvider {
  /** The provider's own "keep trying" flag; false makes its scheduled retry a no-op. */
  shouldConnect: boolean;
  connect(): void;
  disconnect(): void;
  on(name: 'connection-close', listener: (event: { code: number } | null) => void): void;
  off(name: 'connection-close', listener: (event: { code: number } | null) => void): void;
  on(name: 'sync', listener: (synced: boolean) => void): void;
  off(name: 'sync', listener: (synced: boolean) => void): void;
  /** The provider's own verdict on a server's close, when it has one (see clientIdRenewal.ts). */
  shouldReconnect?: (event: never, provider: never) => boolean;
}

export interface ReconnectOptions {
  /** A number in [0, 1); `Math.random` unless a test wants a fixed sequence. */
  random?: () => number;
  /** Ceiling of the first retry's delay; it doubles with each failed attempt. */
  baseDelayMs?: number;
  /** The ceiling never grows past this. */
  maxDelayMs?: number;
  /**
   * After `CloseCode.ServerRestarting` the ceiling is at least this, so that a
   * server coming back up sees its clients arrive spread over this window.
   */
  restartSpreadMs?: number;
  /** Told about each retry as it is scheduled (for logs and tests). */
  onRetry?: (retry: { attempt: number; delayMs: number; closeCode: number | null }) => void;
}

export const RECONNECT_DEFAULTS = {
  baseDelayMs: 400,
  maxDelayMs: 10_000,
  restartSpreadMs: 3_000,
} as const;

/**
 * The delay before retry number `attempt` (0 for the first retry after a
 * working connection closed): uniformly random below the ceiling ("full jitter").
 */
export function reconnectDelay(
  attempt: number,
  closeCode: number | null,
  random: () => number,
  options: Pick<ReconnectOptions, 'baseDelayMs' | 'maxDelayMs' | 'restartSpreadMs'> = {},
): number {
  const base = options.baseDelayMs ?? RECONNECT_DEFAULTS.baseDelayMs;
  const max = options.maxDelayMs ?? RECONNECT_DEFAULTS.maxDelayMs;
  const spread = options.restartSpreadMs ?? RECONNECT_DEFAULTS.restartSpreadMs;
  let ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  if (closeCode === CloseCode.ServerRestarting) ceiling = Math.max(ceiling, Math.min(spread, max));
  return Math.floor(random() * ceiling);
}

/**
 * Owns when a provider connects. Call `connect()` / `disconnect()` on this
 * rather than on the provider, so that a retry scheduled here never reopens a
 * connection nobody wants any more.
 */
export class JitteredReconnect {
  private wanted = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private destroyed = false;
  private readonly random: () => number;

  constructor(
    private readonly provider: ReconnectingProvider,
    private readonly options: ReconnectOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    provider.on('connection-close', this.onClose);
    provider.on('sync', this.onSync);
  }

  /** Connect now (dropping any retry that is waiting). */
  connect(): void {
    if (this.destroyed) return;
    this.wanted = true;
    this.cancelRetry();
    this.provider.connect();
  }

  /** Disconnect and stay disconnected until `connect()`. */
  disconnect(): void {
    this.wanted = false;
    this.cancelRetry();
    this.provider.disconnect();
  }

  /**
   * Drop the socket and open a fresh one at once, if a connection is wanted:
   * for when the device's network has just changed and the old socket cannot be trusted.
   */
  reconnectNow(): void {
    if (!this.wanted || this.destroyed) return;
    this.cancelRetry();
    this.provider.disconnect();
    this.provider.connect();
  }

  /** True while a retry is scheduled. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  /** Failed attempts since the last successful sync. */
  get attempt(): number {
    return this.attempts;
  }

  destroy(): void {
    this.destroyed = true;
    this.wanted = false;
    this.cancelRetry();
    this.provider.off('connection-close', this.onClose);
    this.provider.off('sync', this.onSync);
  }

  private readonly onSync = (synced: boolean): void => {
    if (synced) this.attempts = 0;
  };

  private readonly onClose = (event: { code: number } | null): void => {
    // Closed on purpose (disconnect() sets shouldConnect false first): nothing to retry.
    if (!this.wanted || !this.provider.shouldConnect) return;
    const closeCode = event?.code ?? null;
    // Permanent: the provider stops by itself and emits 'closed'; retrying would fail the same way.
    const permanent =
      event !== null && closeCode !== null && this.provider.shouldReconnect
        ? !this.provider.shouldReconnect(event as never, this.provider as never)
        : closeCode !== null && isPermanentClose(closeCode);
    if (permanent) {
      this.wanted = false;
      return;
    }
    // Take the retry over: the provider's own setTimeout(setupWS) now finds shouldConnect false.
    this.provider.shouldConnect = false;
    this.cancelRetry();
    const attempt = this.attempts;
    this.attempts += 1;
    const delayMs = reconnectDelay(attempt, closeCode, this.random, this.options);
    this.options.onRetry?.({ attempt, delayMs, closeCode });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.wanted && !this.destroyed) this.provider.connect();
    }, delayMs);
  };

  private cancelRetry(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
  }
}
