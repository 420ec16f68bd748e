/**
 * Serves the built client when it exists: its files, and `index.html` for any
 * other page path so the client's router can take over (a single-page app).
 * Paths that belong to the server (`/api`, `/collab`, `/socket.io`) and missing
 * files (paths with an extension) are never answered with the page.
 *
 * The build writes a Brotli (`.br`) and a gzip (`.gz`) copy of every text file
 * (vite.config.ts); a browser that accepts one gets it, with `Content-Encoding`
 * and `Vary: Accept-Encoding`. Source maps are built "hidden" and never served.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';

const SERVER_PATHS = /^\/(api|collab|socket\.io)(\/|$)/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The encodings we prebuild, best first, with the suffix of their copies. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/**
 * The encodings `Accept-Encoding` allows (a `q=0` refuses one; `*` stands for
 * any not named), in our order of preference.
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    q.set(token, weight ? Number(weight[1]) : 1);
  }
  return ENCODINGS.map((e) => e.name).filter((name) => (q.get(name) ?? q.get('*') ?? 0) > 0);
}

/** Mounts the client on `app`; returns false (mounting nothing) when there is no build. */
export function mountClientApp(app: Express, clientDir: string): boolean {
  const indexHtml = path.join(clientDir, 'index.html');
  if (!existsSync(indexHtml)) return false;

  // The copies that exist, by URL path, read once: a request never builds a path to the disk from its URL.
  const files = new Set(
    readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).map((f) => '/' + f.split(path.sep).join('/')),
  );
  const cacheControl = (urlPath: string) => (urlPath.startsWith('/assets/') ? IMMUTABLE : undefined);

  /** Sends the best precompressed copy of `urlPath` the request accepts; false when there is none. */
  const sendPrecompressed = (req: Request, res: Response, urlPath: string, cache?: string): boolean => {
    if (!files.has(urlPath)) return false;
    const encoding = acceptedEncodings(req.headers['accept-encoding']).find((e) =>
      files.has(urlPath + ENCODINGS.find((x) => x.name === e)!.suffix),
    );
    res.vary('Accept-Encoding');
    if (!encoding) return false;
    const suffix = ENCODINGS.find((x) => x.name === encoding)!.suffix;
    res.type(path.extname(urlPath));
    res.setHeader('Content-Encoding', encoding);
    if (cache) res.setHeader('Cache-Control', cache);
    res.sendFile(path.join(clientDir, ...(urlPath + suffix).split('/').filter(Boolean)));
    return true;
  };

  const serveStatic = express.static(clientDir, {
    index: false,
    setHeaders: (res, filePath) => {
      // Vite puts a content hash in every file name under assets/, so they never change.
      if (filePath.startsWith(path.join(clientDir, 'assets') + path.sep)) {
        res.setHeader('Cache-Control', IMMUTABLE);
      }
    },
  });

  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    // Source maps, and the compressed copies asked for by name, are not for the public: 404.
    if (/\.(map|br|gz)$/.test(req.path)) {
      next();
      return;
    }
    if (sendPrecompressed(req, res, req.path, cacheControl(req.path))) return;
    serveStatic(req, res, next);
  });

  app.get('/{*splat}', (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || path.extname(req.path) !== '') {
      next();
      return;
    }
    // Always revalidated, so a deploy is picked up on the next visit.
    if (sendPrecompressed(req, res, '/index.html', 'no-cache')) return;
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return true;
}
