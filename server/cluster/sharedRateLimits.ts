/**
 * The HTTP rate limits' counts across processes (`REDIS_URL`): `rate-limit-redis` on the cluster's Redis
 * connection, one key prefix per limiter (`<prefix>rate:<limiter>:`). When Redis fails or does not answer
 * within 250 ms, a request is counted in this process's memory instead (as on a single process): the
 * limit still holds per process, and nobody is refused or answered 500 because Redis is away.
 */
import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Logger } from '../logger.js';
import { within } from './sharedCounts.js';

/** Least time between two attempts to load the scripts again after Redis failed at start. */
const REINIT_MS = 1_000;

export class RedisOrMemoryStore implements Store {
  readonly localKeys = false;
  private readonly redisStore: RedisStore;
  private readonly memory = new MemoryStore();
  private options: Options | undefined;
  private initFailedAt: number | null = null;
  private warned = false;

  constructor(
    redis: Redis,
    readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.redisStore = new RedisStore({
      prefix,
      sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
    });
  }

  init(options: Options): void {
    this.options = options;
    this.memory.init(options);
    this.initRedis();
  }

  private initRedis(): void {
    if (!this.options) return;
    this.initFailedAt = null;
    this.redisStore.init(this.options).catch((err: unknown) => {
      this.initFailedAt = Date.now();
      this.fellBack(err);
    });
  }

  async increment(key: string): Promise<IncrementResponse> {
    try {
      const counted = await within(this.redisStore.increment(key));
      this.warned = false;
      return counted;
    } catch (err) {
      this.fellBack(err);
      // Its script could not be loaded (Redis was away at start): try again, now and then.
      if (this.initFailedAt !== null && Date.now() - this.initFailedAt > REINIT_MS) this.initRedis();
      return this.memory.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    try {
      await within(this.redisStore.decrement(key));
    } catch (err) {
      this.fellBack(err);
      await this.memory.decrement(key);
    }
  }

  async resetKey(key: string): Promise<void> {
    await this.memory.resetKey(key);
    await within(this.redisStore.resetKey(key)).catch((err: unknown) => this.fellBack(err));
  }

  shutdown(): void {
    this.memory.shutdown();
  }

  private fellBack(err: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn('cluster', 'Redis did not answer: rate limits count in this process meanwhile', {
      prefix: this.prefix,
      err,
    });
  }
}
