/**
 * Several processes (`REDIS_URL`): a process is ready for socket.io only once its
 * adapter hears what the others publish.
 *
 * `@socket.io/redis-streams-adapter` (0.3.1) carries broadcasts on a Redis stream
 * and requests (`fetchSockets`, server-side events) on pub/sub, and starts both
 * only once their own connections have connected. It reads the stream from `$`
 * (what comes next) until it has read one entry: anything published before its
 * first read, or between two reads while it has read nothing yet, never reaches
 * it. A process that accepted people then could miss another process's presence,
 * "look at this" or coaching events for good (found by the cluster tests under
 * load: a partner who never appears). Here the process publishes a no-op on each
 * path (a broadcast to a room nobody joins, a server-side event nobody listens to)
 * until its own adapter has received both back: from then on it reads the stream
 * from an entry id and is subscribed, and misses nothing.
 */
import type { Server } from 'socket.io';

/** How often the no-ops are published while waiting, and how long to wait before going on anyway. */
const PROBE_EVERY_MS = 50;
const GIVE_UP_AFTER_MS = 15_000;
const PROBE = 'tandem:probe';

interface ClusterAdapter {
  /** Called with the stream entry's id for the stream, without one for pub/sub (own messages included). */
  onMessage(message: unknown, offset?: string): unknown;
}

/** Resolves once the adapter has received a stream entry and a pub/sub message (true), or at the deadline (false). */
export async function streamReading(io: Server): Promise<boolean> {
  const adapter = io.of('/').adapter as unknown as Partial<ClusterAdapter>;
  const original = adapter.onMessage;
  if (typeof original !== 'function') return true;
  const own = Object.prototype.hasOwnProperty.call(adapter, 'onMessage');
  let fromStream = false;
  let fromPubSub = false;
  adapter.onMessage = (message, offset) => {
    if (offset === undefined) fromPubSub = true;
    else fromStream = true;
    return original.call(adapter, message, offset);
  };
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  try {
    while (!(fromStream && fromPubSub) && Date.now() < deadline) {
      if (!fromStream) (io.to(PROBE).emit as (event: string) => boolean)(PROBE);
      if (!fromPubSub) (io.serverSideEmit as (event: string) => boolean)(PROBE);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
    return fromStream && fromPubSub;
  } finally {
    if (own) adapter.onMessage = original;
    else delete adapter.onMessage;
  }
}
