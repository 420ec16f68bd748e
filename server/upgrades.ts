/**
 * Every HTTP upgrade the server receives is owned by someone: `/collab/<id>`
 * by the collaboration socket, `/socket.io/` by engine.io (created with
 * `destroyUpgrade: false`, so it leaves the others alone). Any other upgrade
 * is answered 404 and closed here, instead of staying open for good.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused socket may take to read its answer before it is cut off. */
const LINGER_MS = 1000;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Answers an upgrade request with a plain HTTP error `{ error: { id, message } }` and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, id: string, message: string): void {
  if (socket.destroyed || !socket.writable) return; // already answered (a deadline, say)
  const body = JSON.stringify({ error: { id, message } });
  const reason = REASONS[status] ?? 'Internal Server Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => setTimeout(() => socket.destroy(), LINGER_MS).unref(),
  );
}

/**
 * Refuses (404) every upgrade whose request URL no transport owns. `owned`
 * says which are answered elsewhere; it must agree with their own checks.
 */
export function refuseStrayUpgrades(httpServer: http.Server, owned: (url: string) => boolean): void {
  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    if (owned(req.url ?? '/')) return;
    socket.on('error', () => socket.destroy());
    refuseUpgrade(socket, 404, 'not_found', 'Nothing here takes a socket.');
  });
}
