/**
 * `npm run start:cluster -- 3`: starts that many Tandem processes (default 2) on consecutive ports from
 * `PORT` (default 3000), all on the PostgreSQL of `DATABASE_URL` and the Redis of `REDIS_URL`, so that
 * any of them serves any meeting. Put a load balancer in front (any: no sticky sessions are needed for
 * the collaboration socket; socket.io's long-polling needs them, or clients on WebSocket only). Ctrl-C
 * stops them all. Each process logs with its port in front.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const count = Number(process.argv[2] ?? 2);
if (!Number.isInteger(count) || count < 1 || count > 64) {
  process.stderr.write('usage: npm run start:cluster -- <number of processes, 1-64>\n');
  process.exit(64);
}
for (const name of ['DATABASE_URL', 'REDIS_URL', 'SESSION_SECRET']) {
  if (!process.env[name]) {
    process.stderr.write(`start:cluster needs ${name} (every process must share it)\n`);
    process.exit(78);
  }
}
const MAIN = fileURLToPath(new URL('../server/main.ts', import.meta.url));
const first = Number(process.env.PORT ?? 3000);
const children: ChildProcess[] = [];

function start(index: number): Promise<void> {
  const port = first + index;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => `[${port}] ${line}\n`)
      .join('');
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code, signal) => process.stderr.write(`[${port}] exited (code ${code}, signal ${signal})\n`));
  return new Promise((resolve) => {
    const ready = (chunk: Buffer) => {
      if (!chunk.toString().includes('listening')) return;
      child.stderr?.off('data', ready);
      resolve();
    };
    child.stderr?.on('data', ready);
  });
}

// The first process runs the migrations; the others start once it has begun answering.
await start(0);
await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
