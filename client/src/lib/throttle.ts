/**
 * A leading-and-trailing throttle: the first call runs at once, later calls within `waitMs`
 * are folded into one call with the latest arguments at the end of the window. `cancel`
 * drops a pending call (used when a scope is disposed).
 *
 * With `deferLeading`, the first call runs in a task of its own (a zero timeout) instead of
 * inside its caller: a caller on the path of an edit to the screen does not pay for it.
 */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs: number,
  { deferLeading = false }: { deferLeading?: boolean } = {},
): { call: (...args: A) => void; flush: () => void; cancel: () => void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;

  const run = (): void => {
    timer = null;
    last = Date.now();
    if (pending) {
      const args = pending;
      pending = null;
      fn(...args);
    }
  };

  return {
    call: (...args: A) => {
      pending = args;
      const elapsed = Date.now() - last;
      if (timer !== null) return;
      if (elapsed < waitMs) timer = setTimeout(run, waitMs - elapsed);
      else if (deferLeading) timer = setTimeout(run, 0);
      else run();
    },
    flush: () => {
      if (timer !== null) clearTimeout(timer);
      run();
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
