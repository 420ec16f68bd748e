import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text files worth compressing; source maps are not served, so not compressed either. */
const TEXT_FILE = /\.(js|mjs|css|html|json|svg|txt|webmanifest|xml)$/;

/**
 * Writes a `.br` and a `.gz` next to every built text file (best compression:
 * it is paid once per build, not per request), which the server sends to
 * browsers that accept them (server/http/clientApp.ts). A copy that would not
 * be smaller is not written.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tandem-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => TEXT_FILE.test(f));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const body = await readFile(full);
          const [br, gz] = await Promise.all([
            brotli(body, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < body.length) await writeFile(`${full}.br`, br);
          if (gz.length < body.length) await writeFile(`${full}.gz`, gz);
        }),
      );
    },
  };
}

// The client lives in client/ and is built into dist/client, which the server serves.
// asset-manifest.json lists every built file, so the service worker keeps this deploy's and drops older ones.
// Source maps are built for debugging a deploy but never referenced nor served ("hidden"; the server answers *.map with 404).
// In development (`npm run dev:client`), API and socket calls go to the server on :3000.
export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: 'hidden',
    manifest: 'asset-manifest.json',
    rollupOptions: {
      output: {
        // zod and the setting that keeps it from probing for eval (forbidden by our Content-Security-Policy) in
        // one chunk: the setting then runs before any chunk that builds a schema, however the pages are split.
        manualChunks(id) {
          if (id.includes('/node_modules/zod/') || id.endsWith('/client/src/zodConfig.ts')) return 'zod';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true },
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
