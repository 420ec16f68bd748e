/** The close codes the server ends a test client's sockets with. */
import type { Socket } from 'socket.io-client';
import type { CollabClient } from './collabClient.js';

/** The close code a collaboration client's socket gets from the server. */
export function collabCloseCode(client: CollabClient): Promise<number> {
  return new Promise((resolve) => client.provider.on('connection-close', (event) => resolve(event?.code ?? 0)));
}

/** The WebSocket close code under a socket.io client, when its transport is closed by the server. */
export function realtimeCloseCode(socket: Socket): Promise<number> {
  return new Promise((resolve) =>
    socket.once('disconnect', (_reason, details) => {
      const context = (details as { context?: { code?: number } } | undefined)?.context;
      resolve(context?.code ?? 0);
    }),
  );
}
