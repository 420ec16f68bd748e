/**
 * SQLite's WAL checkpoints, run on a worker thread with a connection of its own.
 *
 * By default SQLite checkpoints inside the commit that takes the write-ahead log
 * past 1,000 pages: the commit copies the log into the database file and syncs
 * it before returning. better-sqlite3 is synchronous, so that commit held the
 * event loop, 25-30 ms for a log of 200 KiB rows and 250 ms once a meeting's
 * large rows had grown the log to 40 MiB (measured on the development machine).
 * Here the server's connection never checkpoints (`wal_autocheckpoint = 0`); the
 * worker runs a PASSIVE checkpoint every `CHECKPOINT_INTERVAL_MS`, which never
 * blocks the server's writes and lets the log start over once it has caught up.
 * Commits keep their guarantee: in WAL mode a commit is durable once it is in the
 * log, checkpointed or not.
 *
 * If the worker cannot start or stops on its own, the server's connection goes
 * back to checkpointing for itself, so the log never grows without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker checkpoints the log. */
export const CHECKPOINT_INTERVAL_MS = 1_000;
/** SQLite's own default, restored when the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1_000;

export interface CheckpointResult {
  /** Frames in the log, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Checkpoints now (on the worker) and says how far it got. */
  checkpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

// Plain JavaScript evaluated by the worker: it runs the same under tsx, vitest and a build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  return { log: row.log, checkpointed: row.checkpointed };
};
const timer = setInterval(() => {
  try { checkpoint(); } catch (err) { parentPort.postMessage({ kind: 'error', message: String(err && err.message) }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.kind === 'checkpoint') {
    try { parentPort.postMessage({ kind: 'checkpointed', id: message.id, result: checkpoint() }); }
    catch (err) { parentPort.postMessage({ kind: 'failed', id: message.id, message: String(err && err.message) }); }
  } else if (message.kind === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

type FromWorker =
  | { kind: 'checkpointed'; id: number; result: CheckpointResult }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'error'; message: string };

/**
 * Hands `sqlite`'s checkpoints to a worker thread. `onProblem` hears a failed checkpoint or a worker that
 * stopped (the connection then checkpoints for itself again).
 */
export function startWalCheckpointer(
  sqlitePath: string,
  sqlite: SQLite.Database,
  onProblem: (message: string) => void,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path: sqlitePath, driver, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  // The worker must not keep the process alive on its own.
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  /** Why checkpoints are no longer the worker's, once they are not. */
  let gone: string | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();

  const selfCheckpointing = (why: string) => {
    gone = why;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    for (const { reject } of waiting.values()) reject(new Error(why));
    waiting.clear();
  };
  worker.on('message', (message: FromWorker) => {
    if (message.kind === 'error') return onProblem(`checkpoint failed: ${message.message}`);
    const call = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.kind === 'checkpointed') call?.resolve(message.result);
    else call?.reject(new Error(message.message));
  });
  worker.on('error', (err) => {
    onProblem(`checkpoint worker failed: ${err.message}`);
    selfCheckpointing('the checkpoint worker failed');
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) {
        onProblem(`checkpoint worker stopped (${code})`);
        selfCheckpointing('the checkpoint worker stopped');
      }
      resolve();
    }),
  );

  return {
    checkpoint() {
      return new Promise((resolve, reject) => {
        if (gone || stopping) return reject(new Error(gone ?? 'stopping'));
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ kind: 'checkpoint', id });
      });
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage({ kind: 'stop' });
      await exited;
      selfCheckpointing('stopped');
    },
  };
}
