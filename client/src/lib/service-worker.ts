/**
 * Registers the service worker (/sw.js, see client/src/sw/service-worker.ts) that lets the
 * app shell load offline. Browsers only allow service workers in secure contexts (https, or
 * http://localhost); on a plain-http LAN address such as http://192.168.1.10:3000 there is
 * none, and the app works as before: online loads, and edits kept in IndexedDB while the page
 * stays open. Nothing here may throw or log an error in that case.
 */

/** Where the worker is served; its scope is the whole app. */
export const SERVICE_WORKER_URL = '/sw.js';

/** True when this browser can run the service worker on this page. */
export function serviceWorkerSupported(): boolean {
  return window.isSecureContext && 'serviceWorker' in navigator;
}

/** Registers the worker after the page has loaded (first paint first on slow phones). */
export function registerServiceWorker(): void {
  // The dev server has no /sw.js, and a worker there would serve stale modules.
  if (!import.meta.env.PROD || !serviceWorkerSupported()) return;
  const register = (): void => {
    navigator.serviceWorker
      .register(SERVICE_WORKER_URL, { scope: '/', updateViaCache: 'none' })
      .catch((err: unknown) => console.warn('service worker not registered:', err));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
