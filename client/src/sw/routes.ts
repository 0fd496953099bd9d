/**
 * The pure part of the service worker (client/src/sw/service-worker.ts): which strategy each
 * request gets, the URLs to precache and which caches are stale. Kept apart so it is tested
 * without a browser.
 */

/** Every cache this app creates starts with this; the rest of the name is the build's version. */
export const CACHE_PREFIX = 'bantron-shell-';

/** The cached app shell, served to navigations when the network fails. */
export const SHELL_URL = '/index.html';

/**
 * Paths the service worker never answers and never caches: the HTTP API and the two live
 * channels (Socket.io polling is plain GET requests). They must fail honestly offline so the
 * app knows it is offline, and meeting data must never outlive a removal in a shared cache.
 */
export const BYPASS_PREFIXES: readonly string[] = ['/api/', '/yjs/', '/socket.io/'];
const BYPASS_EXACT: ReadonlySet<string> = new Set([
  '/api',
  '/yjs',
  '/socket.io',
  '/healthz',
  '/sw.js',
]);

/**
 * - `bypass`: not handled (the browser goes to the network as if there were no worker);
 * - `navigation`: network first, the cached shell when the network fails or is too slow;
 * - `cache-first`: hashed build assets, which never change under one name;
 * - `network-first`: other files of the app (favicon), the cached copy when offline.
 */
export type Strategy = 'bypass' | 'navigation' | 'cache-first' | 'network-first';

export interface RequestInfo {
  method: string;
  url: string;
  /** `Request.mode`: `navigate` for page loads. */
  mode: string;
}

/** The strategy for one request, seen from a worker whose origin is `origin`. */
export function strategyFor(request: RequestInfo, origin: string): Strategy {
  if (request.method !== 'GET') return 'bypass';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'bypass';
  }
  if (url.origin !== origin) return 'bypass';
  const path = url.pathname;
  if (BYPASS_EXACT.has(path) || BYPASS_PREFIXES.some((p) => path.startsWith(p))) return 'bypass';
  if (request.mode === 'navigate') return 'navigation';
  if (path.startsWith('/assets/')) return 'cache-first';
  return 'network-first';
}

/**
 * The URLs to precache, from the build's file names (relative to the output directory):
 * source maps are left out, the shell is always in, each URL once.
 */
export function precacheUrls(files: readonly string[]): string[] {
  const urls = new Set<string>([SHELL_URL]);
  for (const file of files) {
    if (file.endsWith('.map') || file === 'sw.js') continue;
    urls.add('/' + file.replace(/^\/+/, ''));
  }
  return [...urls].sort();
}

/** Caches of this app from other builds: deleted once the current build's worker activates. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}
