/**
 * Runs jobs that nobody waits for in the page's idle periods, a few at a time, so that none of
 * them shares a task with a key's input event or a frame. On an old phone a job of 10 ms in
 * the middle of typing is a dropped frame; between two keys it costs nothing anyone sees.
 *
 * A page that is never idle still gets its jobs done: each idle callback has a deadline
 * (`timeoutMs`), after which it runs as an ordinary task, one job. Where the browser has no
 * `requestIdleCallback` (Safari before 18, Node in the unit tests), a job runs in a task of
 * its own.
 */

interface IdleDeadline {
  timeRemaining(): number;
}

/** Below this much idle time left, the next job waits for the next idle period. */
const MIN_SLICE_MS = 4;

function whenIdle(run: (deadline: IdleDeadline) => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: timeoutMs });
  else setTimeout(() => run({ timeRemaining: () => 0 }), 0);
}

export class IdleQueue {
  private readonly jobs: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly timeoutMs = 2_000) {}

  /** Queues `job` behind the others; it runs in an idle period. */
  push(job: () => void): void {
    this.jobs.push(job);
    this.schedule();
  }

  /** Jobs waiting to run. */
  get size(): number {
    return this.jobs.length;
  }

  private schedule(): void {
    if (this.scheduled || this.jobs.length === 0) return;
    this.scheduled = true;
    whenIdle(this.run, this.timeoutMs);
  }

  private readonly run = (deadline: IdleDeadline): void => {
    this.scheduled = false;
    try {
      // At least one job per callback, so a deadline that fired still makes progress.
      do this.jobs.shift()!();
      while (this.jobs.length > 0 && deadline.timeRemaining() > MIN_SLICE_MS);
    } finally {
      this.schedule();
    }
  };
}
