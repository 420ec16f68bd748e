/** Entry point: parse config, build the server, listen, and shut down cleanly on signals. */
import { createTandemServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** How long a graceful shutdown may take before the process gives up and exits with 1. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, config.env === 'production');
  const server = await createTandemServer(config, logger);
  const address = await server.listen();
  const where = config.databaseUrl ? 'PostgreSQL' : config.sqlitePath;
  logger.info('server', `Tandem is listening on http://${address.address}:${address.port}`, { storage: where });
  // A parent that started us with an IPC channel (a process manager, the crash tests) learns the port (PORT=0 picks one).
  process.send?.({ kind: 'listening', port: address.port });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('server', 'shutting down', { signal });
    // Closing waits for clients to answer and for writes to be stored; never wait for ever.
    setTimeout(() => {
      logger.error('server', 'shutdown took too long; exiting', { afterMs: SHUTDOWN_DEADLINE_MS });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('server', 'shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // The parent that started us over IPC is gone: nobody will stop us, so stop cleanly now.
  process.on('disconnect', () => stop('disconnect'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Tandem failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
