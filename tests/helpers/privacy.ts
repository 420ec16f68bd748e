/**
 * Helpers for the privacy tests: writing section text into a meeting through a
 * real collaboration client, raw HTTP (status, headers and body bytes exactly
 * as sent) and reading an export archive.
 */
import { strFromU8, unzipSync } from 'fflate';
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
