/**
 * Several Tandem processes on one set of meetings (`REDIS_URL` with `DATABASE_URL`). Loaded only when
 * `REDIS_URL` is set: a single process never imports Redis code.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { RoomLinks } from '../collab/room/roomLink.js';
import type { Logger } from '../logger.js';
import type { Database as Schema } from '../storage/schema.js';
import type { Store } from 'express-rate-limit';
import type { SlotCounts } from '../auth/connectionSlots.js';
import { RedisBus } from './redisBus.js';
import { createRoomSync } from './roomSync.js';
import { SharedCounts } from './sharedCounts.js';
import { RedisOrMemoryStore } from './sharedRateLimits.js';

export interface Cluster {
  /** Links each live room to the same meeting's rooms on the other processes. */
  roomLinks: RoomLinks;
  /** socket.io's adapter: rooms and broadcasts across processes over a Redis stream. */
  socketAdapter: ReturnType<typeof createAdapter>;
  /** The Redis connection for counters (per-person limits). */
  redis: Redis;
  /** Connection caps of one kind counted across processes (`ConnectionSlots`' shared counts). */
  connectionCounts(kind: string): (localCounts: () => ReadonlyMap<string, number>) => SlotCounts;
  /** A rate limiter's store counting across processes (memory while Redis is away). */
  rateLimitStore(limiter: string): Store;
  readonly prefix: string;
  close(): Promise<void>;
}

export async function startCluster(
  options: { redisUrl: string; prefix: string },
  db: Kysely<Schema>,
  logger: Logger,
): Promise<Cluster> {
  const bus = new RedisBus(options.redisUrl, options.prefix, logger);
  await bus.ready();
  const sync = createRoomSync(bus, db, logger);
  // The adapter blocks on XREAD on a connection of its own (it duplicates this one).
  const adapterClient = new Redis(options.redisUrl, { retryStrategy: (times) => Math.min(50 * times, 1000) });
  adapterClient.on('error', (err: unknown) => logger.debug('cluster', 'redis adapter error', { err }));
  const socketAdapter = createAdapter(adapterClient, { streamName: `${options.prefix}socket.io` });
  const counts = new SharedCounts(bus.pub, options.prefix, sync.processId, logger);
  await counts.beat();
  logger.info('cluster', 'serving meetings together with other processes over Redis', { process: sync.processId });
  return {
    roomLinks: sync.links,
    socketAdapter,
    redis: bus.pub,
    prefix: options.prefix,
    connectionCounts: (kind) => (localCounts) => counts.counter(kind, localCounts),
    rateLimitStore: (limiter) => new RedisOrMemoryStore(bus.pub, `${options.prefix}rate:${limiter}:`, logger),
    async close() {
      counts.close();
      sync.close();
      await bus.close();
      adapterClient.disconnect();
    },
  };
}
