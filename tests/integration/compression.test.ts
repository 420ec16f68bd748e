/**
 * Fast on school wifi: the client's text files go out as their prebuilt Brotli
 * or gzip copies (whichever the browser accepts), hashed assets are cached for
 * good, source maps are never served, and large JSON answers are compressed.
 * The database plays no part, so this runs on SQLite only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../server/http/app.js';
import { serveApp, type ServedApp } from '../helpers/http.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const PAGE = '<!doctype html><title>Tandem</title><div id="root"></div>' + '<!-- padding -->'.repeat(40);
const SCRIPT = 'console.log("the meeting page");\n'.repeat(200);
const STYLE = '.section { margin: 0 auto; }\n'.repeat(100);

/** What the build writes (vite.config.ts): the file, its .br and its .gz. */
function writeWithCopies(file: string, body: string): void {
  writeFileSync(file, body);
  writeFileSync(`${file}.br`, zlib.brotliCompressSync(body));
  writeFileSync(`${file}.gz`, zlib.gzipSync(body));
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A plain GET that neither adds an Accept-Encoding nor decodes the answer, so we see the bytes on the wire. */
function get(base: string, urlPath: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin: base };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    http
      .get(base + urlPath, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('compressed responses', () => {
  let server: TestServer;
  let clientDir: string;
  let app: ServedApp;

  beforeAll(async () => {
    server = await startTestServer();
    clientDir = mkdtempSync(path.join(tmpdir(), 'tandem-client-'));
    mkdirSync(path.join(clientDir, 'assets'));
    writeWithCopies(path.join(clientDir, 'index.html'), PAGE);
    writeWithCopies(path.join(clientDir, 'assets', 'MeetingPage-abc123.js'), SCRIPT);
    writeWithCopies(path.join(clientDir, 'assets', 'index-def456.css'), STYLE);
    writeFileSync(path.join(clientDir, 'assets', 'MeetingPage-abc123.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const { services } = server.server;
    app = await serveApp(createHttpApp({ ...services, config: { ...services.config, clientDir } }));
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('sends the Brotli copy of a hashed asset, typed as what it is and cached for good', async () => {
    const res = await get(app.url, '/assets/MeetingPage-abc123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(SCRIPT);

    const css = await get(app.url, '/assets/index-def456.css', 'br');
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('sends gzip when only gzip is accepted, and the file as it is when nothing is', async () => {
    const gz = await get(app.url, '/assets/MeetingPage-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const refused = await get(app.url, '/assets/MeetingPage-abc123.js', 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(SCRIPT);

    const plain = await get(app.url, '/assets/MeetingPage-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the page compressed for every client route, still revalidated on each visit', async () => {
    for (const urlPath of ['/', '/meetings/some-id', '/index.html']) {
      const res = await get(app.url, urlPath, 'gzip, br');
      expect(res.status, urlPath).toBe(200);
      expect(res.headers['content-encoding'], urlPath).toBe('br');
      expect(res.headers['content-type'], urlPath).toContain('text/html');
      expect(zlib.brotliDecompressSync(res.body).toString(), urlPath).toBe(PAGE);
    }
    expect((await get(app.url, '/meetings/x', 'gzip, br')).headers['cache-control']).toBe('no-cache');
  });

  it('never serves a source map, nor a compressed copy asked for by name', async () => {
    for (const urlPath of [
      '/assets/MeetingPage-abc123.js.map',
      '/assets/MeetingPage-abc123.js.br',
      '/assets/MeetingPage-abc123.js.gz',
    ]) {
      const res = await get(app.url, urlPath, 'gzip, br');
      expect(res.status, urlPath).toBe(404);
      expect(res.body.toString(), urlPath).not.toContain('secret.ts');
    }
  });

  it('compresses a large JSON answer and leaves a small one as it is', async () => {
    const large = await get(app.url, '/api/openapi.json', 'gzip, deflate, br');
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers['content-type']).toContain('application/json');
    expect(large.headers.vary).toMatch(/accept-encoding/i);
    const document = JSON.parse(zlib.brotliDecompressSync(large.body).toString()) as { openapi?: string };
    expect(document.openapi).toBeDefined();

    const gz = await get(app.url, '/api/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).length).toBeGreaterThan(gz.body.length * 3);

    const small = await get(app.url, '/api/health', 'gzip, br');
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ status: 'ok' });

    // Through fetch, as the client sees it: decoded and whole.
    const fetched = await fetch(app.url + '/api/openapi.json');
    expect(((await fetched.json()) as { openapi?: string }).openapi).toBeDefined();
  });
});
