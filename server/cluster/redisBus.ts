/**
 * Redis pub/sub between the processes serving the same meetings: one channel per live meeting, binary
 * messages. Only a doorbell and a fast path: every update it carries is already in PostgreSQL, and a
 * process that may have missed messages (its connection dropped, Redis restarted) reads the log
 * instead (`roomSync.ts`). So publishing never waits and never fails a caller.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export class RedisBus {
  /** Publishes; commands fail at once while disconnected (no queue to grow during an outage). */
  readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (message: Buffer) => void>();
  private readonly reconnected = new Set<() => void>();
  private subUp = false;
  private pubUp = false;
  private everUp = { sub: false, pub: false };
  private closing = false;

  constructor(
    url: string,
    /** `REDIS_KEY_PREFIX`: channels are named with it as keys are. */
    readonly prefix: string,
    private readonly logger: Logger,
  ) {
    const retry = { retryStrategy: (times: number) => Math.min(50 * times, 1000), lazyConnect: false };
    this.pub = new Redis(url, { ...retry, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.sub = new Redis(url, { ...retry, autoResubscribe: true });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.handlers.get(channel.toString())?.(message);
    });
    this.watch(this.sub, 'sub');
    this.watch(this.pub, 'pub');
  }

  /** Both connections are up: messages flow. */
  get healthy(): boolean {
    return this.subUp && this.pubUp;
  }

  private watch(client: Redis, which: 'sub' | 'pub'): void {
    client.on('error', (err: unknown) => this.logger.debug('cluster', `redis ${which} error`, { err }));
    client.on('close', () => {
      if ((which === 'sub' ? this.subUp : this.pubUp) && !this.closing)
        this.logger.warn('cluster', `lost the Redis ${which} connection`);
      if (which === 'sub') this.subUp = false;
      else this.pubUp = false;
    });
    client.on('ready', () => {
      if (which === 'sub') this.subUp = true;
      else this.pubUp = true;
      if (this.everUp[which]) {
        this.logger.info('cluster', `Redis ${which} connection back`);
        // Messages may have been missed (ours or theirs) while it was down.
        for (const handler of this.reconnected) handler();
      }
      this.everUp[which] = true;
    });
  }

  /** Waits until both connections are ready (at start). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.healthy) {
      if (Date.now() > deadline) throw new Error('Redis did not answer (REDIS_URL)');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  channel(name: string): string {
    return `${this.prefix}${name}`;
  }

  async subscribe(channel: string, handler: (message: Buffer) => void): Promise<void> {
    this.handlers.set(channel, handler);
    await this.sub.subscribe(channel).catch((err: unknown) => {
      // Subscribed again on reconnect (autoResubscribe does not know it yet): note it and go on.
      this.logger.debug('cluster', 'could not subscribe yet', { channel, err });
    });
  }

  unsubscribe(channel: string): void {
    this.handlers.delete(channel);
    this.sub.unsubscribe(channel).catch(() => undefined);
  }

  publish(channel: string, message: Uint8Array): void {
    const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    this.pub.publish(channel, data).catch((err: unknown) => {
      this.logger.debug('cluster', 'publish failed; others will read the log', { channel, err });
    });
  }

  /** Called each time a connection comes back after a loss. */
  onReconnect(handler: () => void): () => void {
    this.reconnected.add(handler);
    return () => this.reconnected.delete(handler);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.handlers.clear();
    this.reconnected.clear();
    await Promise.all([this.pub.quit().catch(() => undefined), this.sub.quit().catch(() => undefined)]);
  }
}
