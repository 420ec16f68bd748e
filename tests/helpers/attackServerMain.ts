/**
 * Entry point of a Tandem server run in a child process by `attackServer.ts`:
 * a fresh SQLite file, port 0, and Node's default behaviour on an uncaught
 * exception or unhandled rejection (the process dies), which is what a test of
 * "the server never crashes" must be able to see.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTandemServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';

const config = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'tandem-child-')),
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
});
const server = await createTandemServer(config, createLogger(config.logLevel, false));
const { port } = await server.listen(0, '127.0.0.1');

process.on('message', (message: unknown) => {
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ kind: 'ready', port, dataDir: config.dataDir });
