/**
 * The real server entry (`server/main.ts`) in a child process of its own, on a
 * SQLite file, so that tests can kill it (SIGKILL, SIGTERM) as a crash or a
 * deploy would, and start it again on the same data directory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
/** Sessions must survive a restart, so every process of one test server signs with the same secret. */
const SECRET = 'child-secret-child-secret-child-secret-01';
/** Stderr kept per process, to explain a failure. */
const MAX_LOG_CHARS = 20_000;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildServer {
  /** http://127.0.0.1:<port> of the current process (changes on restart). */
  url: string;
  /** ws://127.0.0.1:<port> of the current process. */
  wsUrl: string;
  port: number;
  dataDir: string;
  /** The SQLite database file the server writes. */
  sqlitePath: string;
  /** The current process. */
  readonly process: ChildProcess;
  /** Resolves when the current process has ended. */
  readonly exited: Promise<ChildExit>;
  /** What the current process has written to stderr (its log). */
  log(): string;
  /** Sends `signal` and resolves once the process has ended. */
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
  /** Starts a new process on the same data directory; the previous one must have ended. */
  restart(): Promise<void>;
  /** Ends the process (SIGKILL when it is still running) and removes the data directory. */
  stop(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  exited: Promise<ChildExit>;
  port: number;
  log: () => string;
}

function launch(dataDir: string, extraEnv: NodeJS.ProcessEnv): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SESSION_SECRET: SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.PUBLIC_URL;
  Object.assign(env, extraEnv);
  const child = fork(MAIN, [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-MAX_LOG_CHARS);
  });
  const exited = new Promise<ChildExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise<Running>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isListening(message)) return;
      child.off('message', onMessage);
      resolve({ child, exited, port: message.port, log: () => stderr });
    };
    child.on('message', onMessage);
    void exited.then(({ code, signal }) =>
      reject(new Error(`server process ended before listening (code ${code}, signal ${signal}):\n${stderr}`)),
    );
  });
}

function isListening(message: unknown): message is { kind: 'listening'; port: number } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { kind?: unknown }).kind === 'listening' &&
    typeof (message as { port?: unknown }).port === 'number'
  );
}

/**
 * Starts `server/main.ts` in a child process on a fresh (or the given) data directory; `env` adds to its
 * environment (`DATABASE_URL`, `REDIS_URL` for several processes on one database).
 */
export async function startChildServer(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tandem-child-'));
  const extraEnv = options.env ?? {};
  let running = await launch(dataDir, extraEnv);
  const self: ChildServer = {
    url: '',
    wsUrl: '',
    port: 0,
    dataDir,
    sqlitePath: path.join(dataDir, 'tandem.sqlite'),
    get process() {
      return running.child;
    },
    get exited() {
      return running.exited;
    },
    log: () => running.log(),
    kill(signal) {
      running.child.kill(signal);
      return running.exited;
    },
    async restart() {
      if (running.child.exitCode === null && running.child.signalCode === null) {
        throw new Error('restart: the previous server process is still running');
      }
      running = await launch(dataDir, extraEnv);
      point(running.port);
    },
    async stop() {
      if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
      await running.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const point = (port: number) => {
    self.port = port;
    self.url = `http://127.0.0.1:${port}`;
    self.wsUrl = `ws://127.0.0.1:${port}`;
  };
  point(running.port);
  return self;
}
