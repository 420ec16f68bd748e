/**
 * A real Tandem server on port 0 with a fresh SQLite file (or PostgreSQL
 * database) per instance. `restart()` closes it and starts a new process-level
 * server on the same storage, as after a deploy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTandemServer, type TandemServer } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger, type LogLevel } from '../../server/logger.js';
import { createPostgresDatabase, type Backend } from './backends.js';

export interface TestServer {
  server: TandemServer;
  config: Config;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  port: number;
  /** Closes the server and starts a new one on the same storage (same port when free). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  backend?: Backend;
  logLevel?: LogLevel;
  /** Receives every log line at or above `logLevel` instead of stderr (e.g. to assert there are no errors). */
  logSink?: (line: string) => void;
  /** More settings, as the environment would give them (e.g. `TRUST_PROXY`). */
  env?: Record<string, string>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-test-'));
  const pgdb = options.backend === 'postgres' ? await createPostgresDatabase() : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel ?? (process.env.TEST_LOG_LEVEL as LogLevel | undefined) ?? 'silent',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...options.env,
  });
  const { logSink } = options;
  const logger = createLogger(
    config.logLevel,
    false,
    logSink &&
      ((line: string) => {
        logSink(line);
        return true;
      }),
  );
  let server = await createTandemServer(config, logger);
  let { port } = await server.listen(0, '127.0.0.1');
  const self: TestServer = {
    server,
    config,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    async restart() {
      await server.close();
      server = await createTandemServer(config, logger);
      try {
        ({ port } = await server.listen(port, '127.0.0.1'));
      } catch {
        ({ port } = await server.listen(0, '127.0.0.1'));
      }
      self.server = server;
      self.port = port;
      self.url = `http://127.0.0.1:${port}`;
      self.wsUrl = `ws://127.0.0.1:${port}`;
    },
    async stop() {
      await server.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}
