/**
 * Every connection is owned. An upgrade to a path no transport serves is
 * answered 404 and closed (it used to stay open for good); socket.io
 * connections that have not authenticated are capped per address and dropped
 * after the handshake deadline.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIMITS } from '../../shared/limits.js';
import { collabSuite, rawSocket, synced } from '../helpers/collabClient.js';
import { buildMeeting } from '../helpers/factories.js';
import { connected, realtimeSocket } from '../helpers/realtimeClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

/** Sends a WebSocket upgrade request by hand; resolves with everything the server wrote once it closes the socket. */
function strayUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(
      [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** A bare engine.io WebSocket that never joins a namespace (never authenticates). */
function engineSocket(wsUrl: string, forwardedFor?: string): WebSocket {
  const ws = new WebSocket(`${wsUrl}/socket.io/?EIO=4&transport=websocket`, {
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  // Refused or cut off sockets report it as an error too; the tests look at the answer instead.
  ws.on('error', () => undefined);
  return ws;
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

function refusedStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => reject(new Error('should have been refused')));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
  });
}

describe('every connection is owned', () => {
  const suite = collabSuite('sqlite');
  const opened_: WebSocket[] = [];
  afterAll(() => {
    for (const ws of opened_) ws.terminate();
  });

  it.each(['/', '/nope', '/collab', '/socket.iox', '/api/health', '/collab%2Fx'])(
    'answers a stray upgrade to %s with 404 and closes it',
    async (path) => {
      const answer = await strayUpgrade(suite.server.port, path);
      expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
      expect(answer).toContain('"id":"not_found"');
    },
  );

  it('still lets partners into their meeting and socket.io', async () => {
    const { meeting, coach } = await buildMeeting(suite.server);
    const client = suite.open(meeting.id, coach.cookie);
    await synced(client);
    const ws = await rawSocket(suite.server, meeting.id, coach.cookie);
    ws.close();
    const socket = realtimeSocket(suite.server.url, coach.cookie);
    await connected(socket);
    socket.disconnect();
  });

  it('drops a socket.io connection that never authenticates after the handshake deadline', async () => {
    const ws = engineSocket(suite.server.wsUrl);
    opened_.push(ws);
    await opened(ws);
    const started = performance.now();
    await new Promise<void>((resolve) => ws.once('close', () => resolve()));
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThan(LIMITS.handshakeTimeoutMs - 1000);
    expect(waited).toBeLessThan(LIMITS.handshakeTimeoutMs + 3000);
  }, 20_000);

  it('does not let a stranger dodge the cap by naming other addresses when no proxy is trusted', async () => {
    const sockets = Array.from({ length: LIMITS.maxUnauthenticatedSocketsPerAddress }, (_, i) =>
      engineSocket(suite.server.wsUrl, `203.0.113.${i + 1}`),
    );
    opened_.push(...sockets);
    await Promise.all(sockets.map(opened));
    const over = engineSocket(suite.server.wsUrl, '198.51.100.7');
    opened_.push(over);
    expect(await refusedStatus(over)).toBe(400);
    const closed = sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    for (const ws of sockets) ws.close();
    await Promise.all(closed);
  });

  it('refuses an address that holds as many unauthenticated sockets as it may', async () => {
    const sockets = Array.from({ length: LIMITS.maxUnauthenticatedSocketsPerAddress }, () =>
      engineSocket(suite.server.wsUrl),
    );
    opened_.push(...sockets);
    await Promise.all(sockets.map(opened));
    const over = engineSocket(suite.server.wsUrl);
    opened_.push(over);
    // engine.io answers a refused WebSocket handshake with 400 (a polling one with 403).
    expect(await refusedStatus(over)).toBe(400);
    const closed = sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    for (const ws of sockets) ws.close();
    await Promise.all(closed);
  });
});

describe('behind a trusted reverse proxy (TRUST_PROXY)', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await server?.stop();
  });

  it("counts strangers per address the proxy names, so one address cannot use up everyone else's", async () => {
    server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } });
    const fromOne = Array.from({ length: LIMITS.maxUnauthenticatedSocketsPerAddress }, () =>
      engineSocket(server.wsUrl, '203.0.113.9'),
    );
    sockets.push(...fromOne);
    await Promise.all(fromOne.map(opened));
    const overFromOne = engineSocket(server.wsUrl, '203.0.113.9');
    const fromAnother = engineSocket(server.wsUrl, '198.51.100.7');
    sockets.push(overFromOne, fromAnother);
    expect(await refusedStatus(overFromOne)).toBe(400);
    await opened(fromAnother);
  });
});
