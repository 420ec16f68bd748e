/*
 * Tandem's service worker: keeps the app itself, and the few answers a meeting
 * page needs to open (who you are, the meeting, your partnerships), on this
 * device, so a teacher whose school wifi drops can reload the tab and still
 * find their notes (the notes themselves are in IndexedDB, see
 * client/src/collab/offlineCopy.ts).
 *
 * Always the network first; the kept copy only when the network fails. Kept
 * answers are deleted on sign-out and whenever the server says the session is
 * over (401). Plain JavaScript because Vite copies client/public as it is.
 *
 * The build's asset-manifest.json names every file of the current deploy
 * (lazily loaded pages too). On install and after each page load the worker
 * keeps all of them and deletes kept files that the deploy no longer has, so
 * old builds do not pile up on the device.
 */
const SHELL_CACHE = 'tandem-shell-v1';
const PAGES_CACHE = 'tandem-pages-v1';
/** The API answers a meeting page opens with; nothing else is kept. */
const KEPT_API = /^\/api\/(me|meetings\/[^/]+|partnerships(\/[^/]+)?)$/;
/** Vite names every built file under /assets/ by its content, so a kept one never goes stale. */
const ASSETS = /^\/assets\//;
/** Written by the build (vite.config.ts): every file of this deploy. */
const MANIFEST = '/asset-manifest.json';

self.addEventListener('install', (event) => {
  event.waitUntil(
    keepShell()
      .then(() => refreshShell())
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n !== SHELL_CACHE && n !== PAGES_CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

/** The page tells us what it loaded before we were in control, so we keep that too. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  const paths = data.urls
    .filter((u) => typeof u === 'string')
    .map((u) => new URL(u, self.location.href))
    .filter((u) => u.origin === self.location.origin)
    .map((u) => u.pathname);
  const assets = paths.filter((p) => ASSETS.test(p));
  const answers = [...new Set(paths.filter((p) => KEPT_API.test(p)))];
  event.waitUntil(
    Promise.all([
      caches.open(SHELL_CACHE).then((cache) => Promise.all(assets.map((p) => keepAsset(cache, p)))),
      ...answers.map((p) => networkFirst(new Request(p), PAGES_CACHE, p)),
    ]).catch(() => undefined),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL_CACHE, '/'));
    // Offline this fails quietly and the kept files stay as they are.
    event.waitUntil(refreshShell().catch(() => undefined));
  } else if (ASSETS.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (KEPT_API.test(url.pathname)) {
    event.respondWith(networkFirst(request, PAGES_CACHE, url.pathname));
  }
});

/** index.html (the same for every page path) and the files it names. */
async function keepShell() {
  const cache = await caches.open(SHELL_CACHE);
  const response = await fetch('/', { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put('/', response);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll(assets);
}

/** Keeps every file the current deploy names and deletes kept files of earlier deploys. */
async function refreshShell() {
  const response = await fetch(MANIFEST, { cache: 'no-cache' });
  if (!response.ok) return;
  const wanted = new Set();
  for (const chunk of Object.values(await response.json())) {
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
      if (typeof file === 'string') wanted.add(`/${file}`);
    }
  }
  if (wanted.size === 0) return;
  const cache = await caches.open(SHELL_CACHE);
  await Promise.all([...wanted].map((path) => keepAsset(cache, path)));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (ASSETS.test(path) && !wanted.has(path)) await cache.delete(request);
  }
}

async function keepAsset(cache, path) {
  if (!(await cache.match(path))) await cache.add(path);
}

async function networkFirst(request, cacheName, key) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = await caches.open(cacheName).then((cache) => cache.match(key));
    if (kept) return kept;
    throw error;
  }
  if (response.status === 401) {
    // Signed out (here or elsewhere): nothing about this person stays behind.
    await caches.delete(PAGES_CACHE);
  } else if (response.ok && (cacheName !== SHELL_CACHE || isHtml(response))) {
    const copy = response.clone();
    await caches.open(cacheName).then((cache) => cache.put(key, copy));
  }
  return response;
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function isHtml(response) {
  return (response.headers.get('content-type') ?? '').startsWith('text/html');
}
