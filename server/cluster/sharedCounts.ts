/**
 * Connection caps counted across processes (`REDIS_URL`). Each process keeps its own counts in memory (the
 * truth for its own sockets) and writes them into Redis: one hash per counted thing
 * (`<prefix>connections:<kind>:<key>`), one field per process holding some. A process proves it is alive
 * with `<prefix>process:<id>`, set for 15 s and refreshed every 5 s together with all its counts; a
 * field whose process key has expired is a dead process's and is deleted the next time anyone counts. So
 * a killed process's sockets stop counting within 15 s, a Redis restart is refilled within 5 s, and no
 * count can leak forever (every hash expires 15 s after its last holder stopped refreshing it).
 *
 * When Redis does not answer within 250 ms, the caller counts its own process only (`ConnectionSlots`):
 * one process still limits, nobody is refused because Redis is away.
 */
import type { Redis } from 'ioredis';
import type { SlotCounts } from '../auth/connectionSlots.js';
import type { Logger } from '../logger.js';

const HEARTBEAT_MS = 5_000;
const ALIVE_MS = 15_000;
/** Longest wait for Redis before a check falls back to this process's own count. */
export const SHARED_ANSWER_MS = 250;

/**
 * Sums the other live processes' counts for KEYS[1] (deleting dead processes' fields), adds ours
 * (ARGV[2], from memory) and, when ARGV[3] is given and the total is below it, records ours plus one.
 * Returns the total before taking, or -1 when refused.
 */
const COUNT_SCRIPT = `
local fields = redis.call('HGETALL', KEYS[1])
local total = tonumber(ARGV[2])
for i = 1, #fields, 2 do
  local pid = fields[i]
  if pid ~= ARGV[1] then
    if redis.call('EXISTS', ARGV[4] .. pid) == 1 then
      total = total + tonumber(fields[i + 1])
    else
      redis.call('HDEL', KEYS[1], pid)
    end
  end
end
if ARGV[3] == '' then return total end
if total >= tonumber(ARGV[3]) then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return total
`;

export function within<T>(promise: Promise<T>, ms = SHARED_ANSWER_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

export class SharedCounts {
  private readonly kinds = new Map<string, () => ReadonlyMap<string, number>>();
  private readonly timer: NodeJS.Timeout;
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly processId: string,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Says this process is alive and writes every count it holds (refilling Redis after a restart). */
  async beat(): Promise<void> {
    const pipe = this.redis.pipeline();
    pipe.set(this.aliveKey(this.processId), '1', 'PX', ALIVE_MS);
    for (const [kind, counts] of this.kinds) {
      for (const [key, count] of counts()) {
        pipe.hset(this.hashKey(kind, key), this.processId, count);
        pipe.pexpire(this.hashKey(kind, key), ALIVE_MS);
      }
    }
    await pipe.exec().catch((err: unknown) => this.trouble(err));
  }

  /** The counts of one kind of connection (`collab-user`, `collab-address`, …), read by `ConnectionSlots`. */
  counter(kind: string, localCounts: () => ReadonlyMap<string, number>): SlotCounts {
    this.kinds.set(kind, localCounts);
    const run = async (key: string, local: number, max: number | null): Promise<number> => {
      const answer = await within(
        this.redis.eval(
          COUNT_SCRIPT,
          1,
          this.hashKey(kind, key),
          this.processId,
          String(local),
          max === null ? '' : String(max),
          this.aliveKey(''),
          String(ALIVE_MS),
        ),
      );
      this.warned = false;
      return Number(answer);
    };
    return {
      tryTake: async (key, local, max) => (await run(key, local, max)) >= 0,
      total: (key, local) => run(key, local, null),
      report: (key, count) => {
        const hash = this.hashKey(kind, key);
        const write = count > 0 ? this.redis.hset(hash, this.processId, count) : this.redis.hdel(hash, this.processId);
        write.catch((err: unknown) => this.trouble(err));
      },
      trouble: (err) => this.trouble(err),
    };
  }

  private trouble(err: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn('cluster', 'Redis did not answer: connection caps count this process only meanwhile', { err });
  }

  private aliveKey(processId: string): string {
    return `${this.prefix}process:${processId}`;
  }

  private hashKey(kind: string, key: string): string {
    return `${this.prefix}connections:${kind}:${key}`;
  }

  close(): void {
    clearInterval(this.timer);
    this.redis.del(this.aliveKey(this.processId)).catch(() => undefined);
  }
}
