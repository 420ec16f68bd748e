/**
 * A real Tandem server in its own process, for tests that attack it: if it
 * crashes, the test sees the process exit (with its stderr) instead of the
 * test runner catching the error in-process. It also runs on the other core.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AttackServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  child: ChildProcess;
  /** Null while the process runs; otherwise how it ended. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** What the process wrote to stderr (crash traces, error logs). */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startAttackServer(): Promise<AttackServer> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'attackServerMain.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const { port, dataDir } = await new Promise<{ port: number; dataDir: string }>((resolve, reject) => {
    child.on('message', (message: { kind?: string; port?: number; dataDir?: string }) => {
      if (message.kind === 'ready' && message.port && message.dataDir) {
        resolve({ port: message.port, dataDir: message.dataDir });
      }
    });
    void exitedPromise.then(() => reject(new Error(`server process exited before it was ready:\n${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    child,
    exited: () => exit,
    stderr: () => stderr,
    async stop() {
      if (!exit && child.connected) {
        child.send('stop');
        // A graceful stop after an attack should take seconds; past ten, the process is ended so the
        // suite goes on (how long it took is not what this helper's tests are about).
        const timer = setTimeout(() => {
          console.error(`the attacked server did not stop within 10 s; ending it. Its stderr:\n${stderr}`);
          child.kill('SIGKILL');
        }, 10_000);
        await exitedPromise;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
