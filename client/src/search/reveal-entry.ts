/**
 * After search navigates to a board, brings the found entry into view and gives it focus
 * (the board view renders asynchronously, so this waits for the element to appear, up to a
 * cap). Every board kind marks its entries with one of these attributes.
 */
const ENTRY_ATTRIBUTES = ['data-card-id', 'data-item-id', 'data-row-id', 'data-proposal-id'];

/** Give up waiting after this long: the entry may have been deleted meanwhile. */
const REVEAL_WAIT_MS = 10_000;

function findEntry(root: ParentNode, id: string): HTMLElement | null {
  const escaped = CSS.escape(id);
  // The vote panel repeats item ids on its rows; the entry is the list's own row.
  const selector = ENTRY_ATTRIBUTES.map(
    (a) => `[data-testid="board"] [${a}="${escaped}"]:not([data-testid^="vote"])`,
  ).join(',');
  return root.querySelector<HTMLElement>(selector);
}

/** Focuses the entry's first control (its text field), or the entry itself. */
function focusEntry(el: HTMLElement): void {
  // A view that hides part of the board (a phone's one quadrant at a time) shows the entry
  // synchronously in its handler; Vue renders it before the next frame.
  el.dispatchEvent(new CustomEvent('reveal-entry', { bubbles: true }));
  requestAnimationFrame(() => focusShown(el));
}

function focusShown(el: HTMLElement): void {
  el.scrollIntoView({ block: 'center' });
  // A text field first (a card's text, an item's title, an indicator's name), else a button.
  const control =
    el.querySelector<HTMLElement>(
      'textarea, input:not([type="hidden"]), [contenteditable="true"]',
    ) ?? el.querySelector<HTMLElement>('button:not([tabindex="-1"])');
  const target = control ?? el;
  if (!control && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  el.classList.add('search-found');
  window.setTimeout(() => el.classList.remove('search-found'), 2500);
}

/** Resolves true once the entry `id` is shown and focused, false when it never appears. */
export function revealEntry(id: string, root: ParentNode = document): Promise<boolean> {
  return new Promise((resolve) => {
    const now = findEntry(root, id);
    if (now) {
      focusEntry(now);
      resolve(true);
      return;
    }
    const observer = new MutationObserver(() => {
      const el = findEntry(root, id);
      if (!el) return;
      finish();
      focusEntry(el);
      resolve(true);
    });
    const timer = window.setTimeout(() => {
      finish();
      resolve(false);
    }, REVEAL_WAIT_MS);
    function finish(): void {
      observer.disconnect();
      window.clearTimeout(timer);
    }
    observer.observe(document.body, { childList: true, subtree: true });
  });
}
