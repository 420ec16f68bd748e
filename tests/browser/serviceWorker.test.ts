/**
 * The service worker keeps the files of the deploy the device last saw, lazily
 * loaded pages included (so a meeting opens offline even if it was never
 * opened online first), and lets go of files from earlier deploys.
 *
 * Needs the built client (`npx vite build`; `npm test` builds first).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { POLL, newPerson, recordPageErrors, signInWithCookie } from '../helpers/browser.js';
import { browserSuite } from '../helpers/browserSuite.js';
import { buildUser } from '../helpers/factories.js';

const MANIFEST = path.resolve('dist/client/asset-manifest.json');
const OLD_FILE = '/assets/index-fromAnOlderDeploy.js';

/** What the app-shell cache holds under /assets/, sorted. */
const keptAssets = (page: Page) =>
  page.evaluate(async () => {
    const cache = await caches.open('tandem-shell-v1');
    return (await cache.keys())
      .map((request) => new URL(request.url).pathname)
      .filter((p) => p.startsWith('/assets/'))
      .sort();
  });

describe('the service worker', () => {
  const suite = browserSuite();

  it('keeps every file of this deploy and drops those of earlier ones', { timeout: 60_000 }, async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string; css?: string[] }>;
    // A stylesheet shared by two lazily loaded pages is named under both: kept once.
    const thisDeploy = [...new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]))]
      .map((file) => `/${file}`)
      .sort();
    // The meeting page is loaded lazily: kept without ever being opened.
    expect(thisDeploy.some((file) => file.includes('MeetingPage'))).toBe(true);

    const person = await buildUser(suite.server);
    const { context, page } = await newPerson(suite.browser, { baseURL: suite.server.url });
    const errors = recordPageErrors(page, 'person');
    try {
      await signInWithCookie(context, suite.server.url, person.cookie);
      await page.goto('/');
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), POLL).toBe(true);
      await expect.poll(() => keptAssets(page), POLL).toEqual(thisDeploy);

      // A file left behind by an earlier deploy is let go on the next page load.
      await page.evaluate(async (file) => {
        const cache = await caches.open('tandem-shell-v1');
        await cache.put(file, new Response('console.log("old")', { headers: { 'content-type': 'text/javascript' } }));
      }, OLD_FILE);
      expect(await keptAssets(page)).toContain(OLD_FILE);
      await page.reload();
      await expect.poll(() => keptAssets(page), POLL).toEqual(thisDeploy);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
