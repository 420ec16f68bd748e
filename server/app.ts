/**
 * Builds one Tandem server: HTTP (Express), the collaboration socket (Yjs over
 * ws) and socket.io, sharing a single http.Server. Nothing listens until
 * `listen` is called, and `close` releases everything it opened.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachCollab, type CollabServer } from './collab/collabServer.js';
import { collabMeetingId } from './collab/upgrade.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import type { Logger } from './logger.js';
import { attachRealtime, REALTIME_PATH, type RealtimeServer } from './realtime/realtimeServer.js';
import { buildServices, type Services } from './services.js';
import { refuseStrayUpgrades } from './upgrades.js';

export interface TandemServer {
  services: Services;
  httpServer: http.Server;
  collab: CollabServer;
  realtime: RealtimeServer;
  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Closes sockets (telling clients the server is restarting), flushes writes, closes the database. */
  close(): Promise<void>;
}

export async function createTandemServer(config: Config, logger: Logger): Promise<TandemServer> {
  const services = await buildServices(config, logger);
  const app = createHttpApp(services);
  const httpServer = http.createServer(app);
  const collab = attachCollab(httpServer, services);
  services.history.useDocuments(collab.documents);
  const realtime = attachRealtime(httpServer, services);
  // With several processes, not before this one reads what the others publish (streamReading.ts).
  await realtime.ready;
  // Upgrades neither of them owns are answered 404 and closed (must agree with their own path checks).
  refuseStrayUpgrades(httpServer, (url) => url.startsWith(`${REALTIME_PATH}/`) || collabMeetingId(url) !== null);
  const stopPruning = services.accounts.startPruning((err) =>
    logger.error('accounts', 'could not delete expired sessions', { err }),
  );
  // Reminder emails fall due while the server runs; rows, so none is lost across a restart.
  services.schedule.start();
  let closed: Promise<void> | null = null;

  return {
    services,
    httpServer,
    collab,
    realtime,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address() as AddressInfo;
          if (!config.publicUrl) {
            const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
            services.schedule.useBaseUrl(
              `http://${shown === '0.0.0.0' || shown === '[::]' ? 'localhost' : shown}:${address.port}`,
            );
          }
          resolve(address);
        });
      });
    },
    close() {
      closed ??= (async () => {
        // A stop that hangs is a bug worth finding: say where it is stuck.
        let stage = 'closing meeting events';
        const watchdog = setInterval(() => {
          logger.error('server', 'still stopping', { stage, rooms: collab.rooms.size });
        }, 5000).unref();
        try {
          await stopPruning();
          await realtime.close();
          stage = 'closing collaboration sockets and storing open meetings';
          await collab.close();
          stage = 'closing HTTP connections';
          await new Promise<void>((resolve) => {
            httpServer.close(() => resolve());
            httpServer.closeAllConnections();
          });
          stage = 'recording pending versions of meetings';
          await services.history.close();
          stage = 'flushing stored edits';
          await services.documents.flush();
          stage = 'indexing the last edits for search';
          await services.search.close();
          stage = 'stopping the reminder job';
          await services.schedule.close();
          stage = 'sending mail under way';
          await services.mail.idle();
          stage = 'closing the mail connection';
          await services.mailer.close();
          stage = 'closing the Redis connections';
          await services.cluster?.close();
          stage = 'closing the database';
          await services.database.close();
        } finally {
          clearInterval(watchdog);
        }
      })();
      return closed;
    },
  };
}
