/**
 * The jittered reconnect's rules, on a small in-memory stand-in for the
 * provider's connect/close bookkeeping (real sockets: reconnectBurst.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.js';
import { JitteredReconnect, reconnectDelay, type ReconnectingProvider } from '../../shared/reconnect.js';

type CloseListener = (event: { code: number } | null) => void;
type SyncListener = (synced: boolean) => void;

/** Mirrors y-websocket: `disconnect()` sets shouldConnect false before the close is announced. */
class FakeProvider implements ReconnectingProvider {
  shouldConnect = false;
  connects = 0;
  private closeListeners = new Set<CloseListener>();
  private syncListeners = new Set<SyncListener>();
  connect(): void {
    this.shouldConnect = true;
    this.connects += 1;
  }
  disconnect(): void {
    this.shouldConnect = false;
    this.close(null);
  }
  close(event: { code: number } | null): void {
    for (const listener of this.closeListeners) listener(event);
  }
  sync(): void {
    for (const listener of this.syncListeners) listener(true);
  }
  on(name: 'connection-close' | 'sync', listener: CloseListener | SyncListener): void {
    if (name === 'sync') this.syncListeners.add(listener as SyncListener);
    else this.closeListeners.add(listener as CloseListener);
  }
  off(name: 'connection-close' | 'sync', listener: CloseListener | SyncListener): void {
    if (name === 'sync') this.syncListeners.delete(listener as SyncListener);
    else this.closeListeners.delete(listener as CloseListener);
  }
}

describe('reconnectDelay', () => {
  it('is uniformly random below a ceiling that doubles and is capped', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1_000, restartSpreadMs: 600 };
    expect(reconnectDelay(0, 1006, () => 0.999, opts)).toBe(99);
    expect(reconnectDelay(2, 1006, () => 0.5, opts)).toBe(200);
    expect(reconnectDelay(20, 1006, () => 0.5, opts)).toBe(500);
    expect(reconnectDelay(3, 1006, () => 0, opts)).toBe(0);
  });

  it('spreads clients over a wider window when the server says it is restarting', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1_000, restartSpreadMs: 600 };
    expect(reconnectDelay(0, CloseCode.ServerRestarting, () => 0.5, opts)).toBe(300);
  });
});

describe('JitteredReconnect', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes the retry over from the provider and reconnects after the jittered delay', () => {
    const provider = new FakeProvider();
    const retries: number[] = [];
    const link = new JitteredReconnect(provider, {
      random: () => 0.5,
      baseDelayMs: 100,
      onRetry: ({ delayMs }) => retries.push(delayMs),
    });
    link.connect();
    expect(provider.connects).toBe(1);
    provider.close({ code: 1006 });
    expect(provider.shouldConnect).toBe(false); // the provider's own retry is now a no-op
    expect(link.waiting).toBe(true);
    vi.advanceTimersByTime(49);
    expect(provider.connects).toBe(1);
    vi.advanceTimersByTime(1);
    expect(provider.connects).toBe(2);
    provider.close({ code: 1006 });
    vi.advanceTimersByTime(100);
    expect(provider.connects).toBe(3);
    expect(retries).toEqual([50, 100]);
    // A successful sync resets the backoff.
    provider.sync();
    expect(link.attempt).toBe(0);
  });

  it('never retries a permanent close, nor a connection closed on purpose', () => {
    const provider = new FakeProvider();
    const link = new JitteredReconnect(provider, { random: () => 0 });
    link.connect();
    provider.close({ code: CloseCode.Forbidden });
    vi.runAllTimers();
    expect(provider.connects).toBe(1);
    expect(link.waiting).toBe(false);

    link.connect();
    link.disconnect();
    vi.runAllTimers();
    expect(provider.connects).toBe(2);
  });

  it('drops a pending retry when the connection is no longer wanted', () => {
    const provider = new FakeProvider();
    const link = new JitteredReconnect(provider, { random: () => 0.9 });
    link.connect();
    provider.close({ code: CloseCode.ServerRestarting });
    expect(link.waiting).toBe(true);
    link.disconnect();
    vi.runAllTimers();
    expect(provider.connects).toBe(1);
    link.destroy();
    link.connect();
    expect(provider.connects).toBe(1);
  });
});
