/**
 * A part of a screen that only some people open (a dialog, a facilitator's panel) loaded on
 * demand: its code and the later messages it reads (i18n `withLaterMessages`, fetched in
 * parallel), with LazyStatus shown while they come and if they cannot be fetched. Keeps the
 * participant's first page to what is needed before typing (issue 14).
 */
import { defineAsyncComponent, type Component } from 'vue';
import LazyStatus from '@client/components/LazyStatus.vue';
import { withLaterMessages } from '@client/i18n';

/** Below this, a fast load shows nothing rather than a flash of "Loading…". */
const LOADING_DELAY_MS = 200;
/** Offline failures retried when the link returns, before the error is shown. */
const OFFLINE_RETRIES = 5;
/** Vite's message when a chunk's stylesheet could not be fetched. */
const FAILED_STYLESHEET = /Unable to preload CSS for (\S+)/;

/**
 * Vite's loader never fetches a chunk's stylesheet twice, even after it failed (it remembers
 * the address): fetch it again here, so the next attempt does not show the part unstyled.
 */
function refetchFailedStylesheet(error: Error): void {
  const href = FAILED_STYLESHEET.exec(error.message)?.[1];
  if (!href) return;
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
    if (link.href !== href) continue;
    const fresh = document.createElement('link');
    fresh.rel = 'stylesheet';
    fresh.crossOrigin = '';
    fresh.href = href;
    link.replaceWith(fresh);
  }
}

export function lazyComponent(load: () => Promise<{ default: Component }>): Component {
  return defineAsyncComponent({
    loader: withLaterMessages(load),
    loadingComponent: LazyStatus,
    errorComponent: LazyStatus,
    delay: LOADING_DELAY_MS,
    // The hall's link drops and comes back: a part that failed offline keeps "Loading…" and
    // loads when the link returns. Any other failure shows the error; opening the part again
    // tries again.
    onError(error, retry, fail, attempts) {
      if (navigator.onLine || attempts > OFFLINE_RETRIES) {
        refetchFailedStylesheet(error);
        fail();
        return;
      }
      const again = (): void => {
        refetchFailedStylesheet(error);
        retry();
      };
      window.addEventListener('online', again, { once: true });
    },
  });
}
