/**
 * The server under benchmark, in its own process so that its CPU time is
 * measured apart from the clients'. Reports its port, then answers "usage"
 * messages with its CPU time and memory.
 */
import { mkdtempSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTandemServer } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';

const config = loadConfig({
  NODE_ENV: 'test', // many sign-ups from one address: the test-sized rate limits
  DATA_DIR: process.env.BENCH_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'tandem-bench-')),
  LOG_LEVEL: 'warn',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'NORMAL',
  HISTORY_AUTO_VERSION_SECONDS: process.env.BENCH_HISTORY_AUTO_SECONDS,
  // Several processes (`--processes`): PostgreSQL and Redis of the bench's own.
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  REDIS_URL: process.env.BENCH_REDIS_URL,
  REDIS_KEY_PREFIX: process.env.BENCH_REDIS_KEY_PREFIX,
});
const server = await createTandemServer(config, createLogger(config.logLevel, true));
const { port } = await server.listen(0, '127.0.0.1');
// The history bench measures the same load with and without history recording.
if (process.env.BENCH_HISTORY === 'off') server.services.history.automatic.stop();

/** The server's own event loop, watched on request (the hostile bench). */
const loop = monitorEventLoopDelay({ resolution: 5 });

process.on('message', (message: unknown) => {
  if (message === 'usage') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send?.({
      kind: 'usage',
      cpuMicros: cpu.user + cpu.system,
      rss: memory.rss,
      live: memory.heapUsed + memory.external,
      rooms: server.collab.rooms.size,
    });
  } else if (message === 'gc') {
    globalThis.gc?.();
    process.send?.({ kind: 'gc' });
  } else if (message === 'loop-start') {
    loop.reset();
    loop.enable();
    process.send?.({ kind: 'loop-started' });
  } else if (message === 'loop-stop') {
    loop.disable();
    // The histogram counts from the timer's due time, so it holds the delay itself.
    process.send?.({ kind: 'loop', p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 });
  } else if (message === 'settle') {
    // Every version due for the edits so far is recorded (as at the end of a visit).
    void server.services.history.automatic.flush().then(() => process.send?.({ kind: 'settled' }));
  } else if (message === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
process.send?.({ kind: 'ready', port });
