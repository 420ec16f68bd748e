/**
 * The set-up every browser test file shares: the built client, a real Tandem
 * server on port 0 and Chromium, started before the file's tests and closed
 * after them. Read `suite.server` and `suite.browser` inside tests (they exist
 * once `beforeAll` has run).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startTestServer, type TestServer, type TestServerOptions } from './testServer.js';

export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
}

export function browserSuite(options: TestServerOptions = {}): BrowserSuite {
  const suite = {} as Partial<BrowserSuite>;
  beforeAll(async () => {
    if (!existsSync(path.resolve('dist/client/index.html'))) {
      throw new Error('The client is not built: run `npx vite build` (or `npm test`, which builds first).');
    }
    suite.server = await startTestServer(options);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite as BrowserSuite;
}
