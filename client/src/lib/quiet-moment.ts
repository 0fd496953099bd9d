/**
 * Runs background work at a moment when the person is not typing or pointing. On a phone
 * with one slow core, a worker that starts (loads and evaluates its script) takes that core
 * from the page: the keys typed meanwhile ran in tasks of 55–80 ms at 4× CPU slowdown
 * (docs/performance.md). Between two bursts of typing the same work costs nothing anyone sees.
 */

export interface QuietMomentOptions {
  /** Wait at least this long before running (ms). */
  afterMs: number;
  /** Then wait until nobody has pressed a key or pointed for this long (ms). */
  quietMs: number;
  /** Run anyway this long after the start, quiet or not (ms): a page typed into for minutes. */
  latestMs: number;
  /** Where the input is listened for; the page's window by default. */
  target?: EventTarget;
}

const INPUT_EVENTS = ['keydown', 'input', 'pointerdown', 'wheel'] as const;

/** Calls `run` once, at a quiet moment; the function returned cancels it. */
export function atQuietMoment(run: () => void, options: QuietMomentOptions): () => void {
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window);
  const start = Date.now();
  let lastInput = start;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onInput = (): void => {
    lastInput = Date.now();
  };
  const stop = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    for (const type of INPUT_EVENTS) target?.removeEventListener(type, onInput, true);
  };
  const check = (): void => {
    const now = Date.now();
    const quietFor = now - lastInput;
    if (quietFor >= options.quietMs || now - start >= options.latestMs) {
      stop();
      run();
      return;
    }
    const untilLatest = start + options.latestMs - now;
    timer = setTimeout(check, Math.min(options.quietMs - quietFor, untilLatest));
  };
  for (const type of INPUT_EVENTS) {
    target?.addEventListener(type, onInput, { capture: true, passive: true });
  }
  timer = setTimeout(check, options.afterMs);
  return stop;
}
