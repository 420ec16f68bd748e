/**
 * Serves the built client when it exists: its files, and `index.html` for any
 * other page path so the client's router can take over (a single-page app).
 * Paths that belong to the server (`/api`, `/collab`, `/socket.io`) and missing
 * files (paths with an extension) are never answered with the page.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

const SERVER_PATHS = /^\/(api|collab|socket\.io)(\/|$)/;

/** Mounts the client on `app`; returns false (mounting nothing) when there is no build. */
export function mountClientApp(app: Express, clientDir: string): boolean {
  const indexHtml = path.join(clientDir, 'index.html');
  if (!existsSync(indexHtml)) return false;

  app.use(
    express.static(clientDir, {
      index: false,
      setHeaders: (res, filePath) => {
        // Vite puts a content hash in every file name under assets/, so they never change.
        if (filePath.startsWith(path.join(clientDir, 'assets') + path.sep)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );

  app.get('/{*splat}', (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || path.extname(req.path) !== '') {
      next();
      return;
    }
    // Always revalidated, so a deploy is picked up on the next visit.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return true;
}
