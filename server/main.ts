/** Entry point: parse config, build the server, listen, and shut down cleanly on signals. */
import { createTandemServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

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

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('server', 'shutting down', { signal });
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
}

main().catch((err: unknown) => {
  process.stderr.write(`Tandem failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
