/**
 * The service worker (built to /sw.js by the plugin in vite.config.ts): makes the app shell
 * load with no network, so a delegate who lost the hall's Wi-Fi can reload the page and find
 * the edits kept in IndexedDB.
 *
 * - install: precache index.html and every built file (the list is injected at build time);
 * - activate: delete the caches of older builds, take over open pages;
 * - fetch: hashed /assets/* cache-first; navigations network-first, falling back to the cached
 *   index.html; /api, /yjs, /socket.io are never answered nor cached (./routes.ts).
 *
 * Hand-written on purpose (no workbox): a few dozen lines the team can read. Service workers
 * only run in secure contexts (https, or localhost); client/src/lib/service-worker.ts does
 * not register it elsewhere.
 */
import { CACHE_PREFIX, SHELL_URL, precacheUrls, staleCaches, strategyFor } from './routes';

/** Injected by the build: a version derived from the file names and contents, and the files. */
declare const __SW_MANIFEST__: { version: string; files: string[] };

// The project's TypeScript setup has the DOM library, not the WebWorker one: the little of
// the worker API used here is declared by hand.
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerScope {
  readonly location: { readonly origin: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE = CACHE_PREFIX + __SW_MANIFEST__.version;
/** A navigation that has not answered by then gets the cached shell (a network that hangs). */
const NAVIGATION_TIMEOUT_MS = 5000;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: straight from the server, never from the HTTP cache of an older build.
      await cache.addAll(
        precacheUrls(__SW_MANIFEST__.files).map((url) => new Request(url, { cache: 'reload' })),
      );
      // The shell of one build only refers to assets of that build, all precached above, so
      // the new worker can take over at once.
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = staleCaches(await caches.keys(), CACHE);
      await Promise.all(stale.map((name) => caches.delete(name)));
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor(request, worker.location.origin);
  if (strategy === 'bypass') return;
  if (strategy === 'navigation') event.respondWith(navigation(request));
  else if (strategy === 'cache-first') event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request));
});

async function navigation(request: Request): Promise<Response> {
  const network = fetch(request);
  // The request is passed on untouched (a navigation's mode and redirect handling stay
  // the browser's); a slow answer is raced, not aborted, and still wins if there is no shell.
  network.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([network, timeout]);
    if (response) return response;
  } catch {
    // offline, or the server is down: the shell below
  } finally {
    clearTimeout(timer);
  }
  const shell = await caches.match(SHELL_URL, { cacheName: CACHE });
  return shell ?? network;
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    void caches
      .open(CACHE)
      .then((cache) => cache.put(request, copy))
      .catch(() => {});
  }
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (err) {
    const cached = await caches.match(request, { cacheName: CACHE });
    if (cached) return cached;
    throw err;
  }
}
