/**
 * Helpers for the privacy tests: writing section text into a meeting through a
 * real collaboration client, raw HTTP (status, headers and body bytes exactly
 * as sent), reading an export archive, what the app routes and what a
 * socket.io connection listens to, raw upgrades, and the leak scan.
 */
import type { Express } from 'express';
import { strFromU8, unzipSync } from 'fflate';
import type { Server } from 'socket.io';

import WebSocket from 'ws';
import * as Y from 'yjs';
import { ACCOUNT_EXPORT_JSON, AccountExportSchema, type AccountExport } from '../../shared/accountExport.js';

import type { SectionId } from '../../shared/sections.js';
import { allSaved, connectCollab, synced } from './collabClient.js';
import type { TestServer } from './testServer.js';

/** Writes text into sections of a meeting as `cookie`'s owner and waits until the server has stored it. */
export async function writeSections(
  server: TestServer,
  meetingId: string,
  cookie: string,
  sections: Partial<Record<SectionId, string>>,
): Promise<void> {
  const client = connectCollab(server, meetingId, cookie);
  try {
    await synced(client);
    for (const [id, text] of Object.entries(sections)) client.doc.get(id, Y.XmlText).insert(0, text);
    await allSaved(client);
  } finally {
    client.destroy();
  }
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The body decoded as UTF-8 (for zip archives: every file in it, decoded and joined). */
  text: string;
}

function isZip(headers: Headers): boolean {
  return (headers.get('content-type') ?? '').includes('application/zip');
}

/** Every file in a zip archive, by name. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) files[name] = strFromU8(data);
  return files;
}

/** One request with an optional session cookie, returning the raw answer. */
export async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { cookie?: string | null; body?: unknown } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = isZip(res.headers)
    ? Object.entries(unzipText(bytes))
        .map(([name, content]) => `${name}\n${content}`)
        .join('\n')
    : new TextDecoder().decode(bytes);
  return { status: res.status, headers: res.headers, bytes, text };
}

/** Downloads `GET /api/me/export` as `cookie`'s owner and opens it. */
export async function downloadExport(
  server: TestServer,
  cookie: string,
): Promise<{ res: RawResponse; files: Record<string, string>; data: AccountExport }> {
  const res = await rawRequest(server.url, 'GET', '/api/me/export', { cookie });
  if (res.status !== 200) throw new Error(`export: expected 200, got ${res.status}: ${res.text}`);
  const files = unzipText(res.bytes);
  const json = files[ACCOUNT_EXPORT_JSON];
  if (json === undefined) throw new Error(`export: no ${ACCOUNT_EXPORT_JSON} in ${Object.keys(files).join(', ')}`);
  return { res, files, data: AccountExportSchema.parse(JSON.parse(json)) };
}

/** The secrets found in `received` that the caller did not send themselves. */
export function leaked(secrets: readonly string[], sent: string, received: string): string[] {
  return secrets.filter((s) => !sent.includes(s) && received.includes(s));
}

/** The parts of Express 5's router (router 2.x) layers that say what is served. */
interface RouterLayer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every `METHOD /path` that `app` routes, found by walking its router stack. */
export function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on) found.push(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${prefix}${path}`);
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app.router as unknown as { stack: RouterLayer[] }).stack, '');
  return [...new Set(found)].sort();
}

/** socket.io's own events, which a server socket may listen to without a client sending them. */
const RESERVED_SOCKET_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'error']);

/**
 * Every event the server listens to on the socket of the user `userId`, so a
 * handler registered under a name outside the shared tables is still found.
 */
export function listenedEvents(io: Server, userId: string): string[] {
  const events = new Set<string>();
  for (const socket of io.of('/').sockets.values()) {
    if ((socket.data as { user?: { id?: string } }).user?.id !== userId) continue;
    for (const name of socket.eventNames()) {
      if (typeof name === 'string' && !RESERVED_SOCKET_EVENTS.has(name)) events.add(name);
    }
  }
  return [...events].sort();
}

/** Tries a WebSocket upgrade; resolves with the status (101 when accepted) and any refusal body. */
export function tryUpgrade(url: string, cookie: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        ws.terminate();
      });
    });
    ws.on('open', () => {
      resolve({ status: 101, body: '' });
      ws.close();
    });
    ws.on('error', (err) => reject(err));
  });
}
