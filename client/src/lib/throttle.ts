/**
 * A leading-and-trailing throttle: the first call runs at once, later calls within `waitMs`
 * are folded into one call with the latest arguments at the end of the window. `cancel`
 * drops a pending call (used when a scope is disposed).
 */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs: number,
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
      if (elapsed >= waitMs && timer === null) run();
      else if (timer === null) timer = setTimeout(run, waitMs - elapsed);
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
