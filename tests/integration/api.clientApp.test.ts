/**
 * Serving the built client: its files, the page for any client route, and
 * never the page for server paths or missing files. The database plays no part,
 * so this runs on SQLite only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/api.js';
import { createHttpApp } from '../../server/http/app.js';
import { HttpClient, serveApp, type ServedApp } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const PAGE = '<!doctype html><title>Tandem</title><div id="root"></div>';

describe('serving the client', () => {
  let server: TestServer;
  let clientDir: string;
  let withClient: ServedApp;
  let withoutClient: ServedApp;

  beforeAll(async () => {
    server = await startTestServer();
    clientDir = mkdtempSync(path.join(tmpdir(), 'tandem-client-'));
    mkdirSync(path.join(clientDir, 'assets'));
    writeFileSync(path.join(clientDir, 'index.html'), PAGE);
    writeFileSync(path.join(clientDir, 'assets', 'main-abc123.js'), 'console.log("hello")');
    writeFileSync(path.join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const { services } = server.server;
    withClient = await serveApp(createHttpApp({ ...services, config: { ...services.config, clientDir } }));
    withoutClient = await serveApp(
      createHttpApp({ ...services, config: { ...services.config, clientDir: path.join(clientDir, 'missing') } }),
    );
  });
  afterAll(async () => {
    await withClient?.close();
    await withoutClient?.close();
    await server?.stop();
    rmSync(clientDir, { recursive: true, force: true });
  });

  async function page(base: string, urlPath: string) {
    const res = await fetch(base + urlPath, { headers: { accept: 'text/html' } });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: await res.text(),
      headers: res.headers,
    };
  }

  it('serves the page for the client routes, revalidated on each visit', async () => {
    for (const urlPath of ['/', '/meetings/some-id', '/invite/some-token', '/partnerships/x/meetings']) {
      const res = await page(withClient.url, urlPath);
      expect(res.status, urlPath).toBe(200);
      expect(res.type).toContain('text/html');
      expect(res.text).toBe(PAGE);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves built files, caching hashed assets for good', async () => {
    const asset = await page(withClient.url, '/assets/main-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.type).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const icon = await page(withClient.url, '/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('never answers server paths or missing files with the page', async () => {
    for (const urlPath of [
      '/api/nothing',
      '/collab/some-meeting',
      '/socket.io/x',
      '/assets/gone-123.js',
      '/robots.txt',
    ]) {
      const res = await page(withClient.url, urlPath);
      expect(res.status, urlPath).toBe(404);
      expect(res.text).not.toContain('<title>Tandem</title>');
    }
    const api = await new HttpClient(withClient.url).get('/api/nothing');
    expect(ErrorBodySchema.parse(api.body).error.id).toBe('not_found');
  });

  it('still serves the API, and a JSON 404 for pages, when there is no built client', async () => {
    const client = new HttpClient(withoutClient.url);
    expect((await client.get('/api/health')).status).toBe(200);
    const res = await client.get('/');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(res.body).error.id).toBe('not_found');
  });
});
