/**
 * Collects items and hands them over together in the task after the first one arrived. The
 * handing over (an IndexedDB transaction, a WebSocket send) then leaves the task that made
 * them, which is often a key's input event, the task that key's frame waits for.
 *
 * A page being hidden (tab switched, phone locked, page closed) hands over at once: its timers
 * may wait a second or more, and a page being closed may not get another task.
 */
const pageHidden = (): boolean =>
  typeof document !== 'undefined' && document.visibilityState === 'hidden';

export class NextTaskBatch<T> {
  private items: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onHide = (): void => {
    if (pageHidden()) this.flush();
  };

  constructor(private readonly deliver: (items: T[]) => void) {
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.onHide);
      window.addEventListener('pagehide', this.flush);
    }
  }

  push(item: T): void {
    this.items.push(item);
    if (pageHidden()) this.flush();
    else this.timer ??= setTimeout(this.flush, 0);
  }

  /** Hands over what is queued now. */
  readonly flush = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const items = this.items;
    if (items.length === 0) return;
    this.items = [];
    this.deliver(items);
  };

  /** Hands over what is queued and stops listening to the page. */
  dispose(): void {
    this.flush();
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this.onHide);
      window.removeEventListener('pagehide', this.flush);
    }
  }
}
