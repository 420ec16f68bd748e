/**
 * Real y-websocket clients for tests: the stock `WebsocketProvider` over `ws`,
 * sending the session cookie like a browser would, with the app's own
 * `SavedTracker` deciding what "saved" means.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SavedTracker } from '../../client/src/collab/savedTracker.js';
import { renewClientIdOnForeignClose } from '../../shared/clientIdRenewal.js';
import { COLLAB_PATH } from '../../shared/collabProtocol.js';
import { afterAll, beforeAll } from 'vitest';
import type { Backend } from './backends.js';
import { startTestServer, type TestServer } from './testServer.js';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** What the server acknowledged as stored (the app's own tracker). */
  saved: SavedTracker;
  /**
   * Resolves the next time the client gives up a taken client id by moving to a
   * new doc (its `doc`, `provider` and `saved` are then new), as the app does.
   */
  rebased(): Promise<void>;
  destroy(): void;
}

/** A WebSocket class that sends `cookie` with its handshake (what a browser does on its own). */
export function cookieWebSocket(cookie: string | null) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  };
}

export function connectCollab(
  server: Pick<TestServer, 'wsUrl'>,
  meetingId: string,
  cookie: string | null,
  options: { doc?: Y.Doc; acks?: boolean; connect?: boolean } = {},
): CollabClient {
  let destroyed = false;
  let waiting: Array<() => void> = [];
  const client = {
    rebased: () => new Promise<void>((resolve) => waiting.push(resolve)),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      client.saved.destroy();
      client.provider.destroy();
      client.doc.destroy();
    },
  } as CollabClient;
  const open = (doc: Y.Doc, connect: boolean) => {
    const provider = new WebsocketProvider(`${server.wsUrl}${COLLAB_PATH}`, meetingId, doc, {
      WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
      params: options.acks === false ? {} : { acks: '1' },
      connect,
      disableBc: true,
    });
    // As the app does (meetingConnection.ts): a taken client id is replaced by a fresh one.
    renewClientIdOnForeignClose(provider as never, {
      onRebase(seed, clientId) {
        if (destroyed) return;
        client.saved.destroy();
        client.provider.destroy();
        client.doc.destroy();
        const next = new Y.Doc();
        Y.applyUpdate(next, seed);
        // After applying: Yjs gives a doc a new id when a remote update writes under its own.
        next.clientID = clientId;
        open(next, true);
        const resolve = waiting;
        waiting = [];
        for (const done of resolve) done();
      },
    });
    client.doc = doc;
    client.provider = provider;
    client.saved = new SavedTracker(doc, provider, () => provider.emit('saved' as 'sync', [true]));
  };
  open(options.doc ?? new Y.Doc(), options.connect ?? true);
  return client;
}

/** Resolves once the provider has finished its first sync with the server. */
export function synced(client: CollabClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (isSynced: boolean) => {
      if (!isSynced) return;
      client.provider.off('sync', on);
      resolve();
    };
    client.provider.on('sync', on);
  });
}

/** Resolves when `predicate(doc)` holds, checking after every change to the doc. */
export function waitForDoc(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean, what = 'document condition'): Promise<void> {
  if (predicate(doc)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      doc.off('update', check);
      reject(new Error(`Timed out waiting for ${what}`));
    }, 10_000);
    const check = () => {
      if (!predicate(doc)) return;
      clearTimeout(timer);
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}

/** Resolves once everything this client wrote (deletions too) is acknowledged as stored by the server. */
export function allSaved(client: CollabClient): Promise<void> {
  if (client.saved.isSaved()) return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      if (!client.saved.isSaved()) return;
      client.provider.off('saved' as 'sync', on);
      resolve();
    };
    client.provider.on('saved' as 'sync', on);
  });
}

/** Text of a section written directly as Yjs (no Lexical structure). */
export function text(doc: Y.Doc, section: string): string {
  return doc.get(section, Y.XmlText).toString();
}

/** Opens a raw socket and resolves with the HTTP status the server refused the upgrade with (or 101). */
export function upgradeStatus(
  server: Pick<TestServer, 'wsUrl'>,
  path: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (err) => reject(err));
  });
}

/** Tries an upgrade; resolves with its status (101 when it opened) and the refusal's JSON body, if any. */
export function tryUpgrade(
  server: Pick<TestServer, 'wsUrl'>,
  path: string,
  cookie: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}${path}`, { headers: { cookie } });
    ws.on('unexpected-response', (_req, res) => {
      let raw = '';
      res.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      res.on('end', () => {
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, body: raw ? JSON.parse(raw) : null });
      });
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: null });
    });
    ws.on('error', reject);
  });
}

/** Opens a raw, authenticated socket to a meeting; resolves once open. */
export function rawSocket(server: Pick<TestServer, 'wsUrl'>, meetingId: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${meetingId}`, { headers: { cookie } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** Resolves with the close code of a socket. */
export function closeCode(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

export interface CollabSuite {
  server: TestServer;
  /** `connectCollab` against the suite's server; every client opened is closed after the file's tests. */
  open(meetingId: string, cookie: string | null, options?: Parameters<typeof connectCollab>[3]): CollabClient;
}

/** A test server on `backend` for this describe block, and collaboration clients that are cleaned up after it. */
export function collabSuite(backend: Backend): CollabSuite {
  const clients: CollabClient[] = [];
  const suite = {
    open(meetingId, cookie, options) {
      const client = connectCollab(suite.server, meetingId, cookie, options);
      clients.push(client);
      return client;
    },
  } as CollabSuite;
  beforeAll(async () => {
    suite.server = await startTestServer({ backend });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await suite.server?.stop();
  });
  return suite;
}
