/**
 * The reference server the meeting bench measures Tandem against: the stock
 * `@y/websocket-server` (a devDependency used only here), in memory, with no
 * authentication and nothing stored, started the way its own bin starts it (an
 * http server whose upgrades go to `setupWSConnection`, the document named by
 * the path). It runs in its own process, like `serverProcess.ts`, and speaks the
 * same messages: reports its port, answers "usage", "gc" and "stop".
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.on('message', (message: unknown) => {
  if (message === 'usage') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send?.({
      kind: 'usage',
      cpuMicros: cpu.user + cpu.system,
      rss: memory.rss,
      live: memory.heapUsed + memory.external,
      rooms: docs.size,
    });
  } else if (message === 'gc') {
    globalThis.gc?.();
    process.send?.({ kind: 'gc' });
  } else if (message === 'stop') {
    for (const ws of wss.clients) ws.terminate();
    server.close();
    process.exit(0);
  }
});
process.send?.({ kind: 'ready', port });
