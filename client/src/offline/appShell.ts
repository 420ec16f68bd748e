/// <reference types="vite/client" />
/**
 * The app on this device: registers the service worker (client/public/sw.js)
 * that keeps the app and a meeting page's few API answers, so a tab reloaded
 * while the wifi is down still opens; and forgets everything kept here when
 * someone signs out (shared school laptops).
 */
import { clearOfflineCopies } from '../collab/offlineCopies.js';
import { forgetUnsent } from '../collab/unsentNotes.js';

/** Must match PAGES_CACHE in client/public/sw.js. */
const PAGES_CACHE = 'tandem-pages-v1';

/** Registers the service worker in a production build (in development it would only get in the way). */
export function registerAppShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { serviceWorker } = navigator;
  // What this page loaded without the worker (before it took control) is handed
  // to it to keep: it picks the app's files and the API answers it keeps.
  const keep = (urls: string[]) => {
    if (urls.length > 0) void serviceWorker.ready.then((r) => r.active?.postMessage({ type: 'keep', urls }));
  };
  // Once in control the worker sees every request that starts after that; the page hands it the ones
  // that started before, including one still under way when control began (the meeting page's second
  // API answer often overlaps the worker's first activation). A page controlled from the start hands
  // over nothing, so a reload while offline asks the worker to fetch nothing.
  let controlledSince = serviceWorker.controller === null ? Number.POSITIVE_INFINITY : 0;
  const startedBeforeControl = (entries: PerformanceEntryList) =>
    entries.filter((entry) => entry.startTime < controlledSince).map((entry) => entry.name);
  const loadedSoFar = () => startedBeforeControl(performance.getEntriesByType('resource'));
  new PerformanceObserver((list) => keep(startedBeforeControl(list.getEntries()))).observe({ type: 'resource' });
  serviceWorker.addEventListener('controllerchange', () => {
    controlledSince = performance.now();
    keep(loadedSoFar());
  });
  serviceWorker.register('/sw.js').then(
    () => keep(loadedSoFar()),
    () => {
      // Without it the app works as before; only reloading while offline does not.
    },
  );
}

/** Deletes this device's copies of meetings and the kept API answers. */
export async function forgetThisDevice(): Promise<void> {
  forgetUnsent();
  await Promise.all([
    clearOfflineCopies(),
    typeof caches === 'undefined' ? undefined : caches.delete(PAGES_CACHE).catch(() => undefined),
  ]);
}
