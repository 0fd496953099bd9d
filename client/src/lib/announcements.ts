/**
 * Polite announcements of changes made by others, for screen readers: a busy room makes
 * dozens of edits a minute, and reading each one aloud would drown the person. Changes are
 * collected and summarised, at most one announcement per interval. Pure: the clock and the
 * timer are injected, so the folding is unit-tested.
 */

/** One change by someone else to an entry (card, item, proposal, row) of the open board. */
export interface ChangeNote {
  change: 'added' | 'edited' | 'removed';
  /** Who made it, when the entry says so (the author of an added entry); null otherwise. */
  who: string | null;
}

/** What one announcement says. */
export interface ChangeSummary {
  /** Changes since the last announcement. */
  total: number;
  added: number;
  /** Names known among them, in order of first appearance. */
  people: string[];
}

export function summarise(notes: readonly ChangeNote[]): ChangeSummary {
  const people: string[] = [];
  for (const n of notes) if (n.who && !people.includes(n.who)) people.push(n.who);
  return {
    total: notes.length,
    added: notes.filter((n) => n.change === 'added').length,
    people,
  };
}

export interface AnnouncerClock {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const browserClock: AnnouncerClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AnnouncerOptions {
  /** Shortest time between two announcements. */
  intervalMs: number;
  /** A burst is folded for this long before its first announcement. */
  settleMs: number;
  announce: (summary: ChangeSummary) => void;
  clock?: AnnouncerClock;
}

/** Defaults: a burst settles for a second and a half; then at most one announcement every 8 s. */
export const ANNOUNCE_INTERVAL_MS = 8_000;
export const ANNOUNCE_SETTLE_MS = 1_500;

export class RateLimitedAnnouncer {
  private pending: ChangeNote[] = [];
  private timer: unknown = null;
  private lastAt = -Infinity;
  private readonly clock: AnnouncerClock;

  constructor(private readonly options: AnnouncerOptions) {
    this.clock = options.clock ?? browserClock;
  }

  /** Records changes; they are announced together at the next allowed moment. */
  note(...notes: ChangeNote[]): void {
    if (notes.length === 0) return;
    this.pending.push(...notes);
    if (this.timer !== null) return;
    const now = this.clock.now();
    const at = Math.max(now + this.options.settleMs, this.lastAt + this.options.intervalMs);
    this.timer = this.clock.setTimer(() => this.flush(), at - now);
  }

  private flush(): void {
    this.timer = null;
    if (this.pending.length === 0) return;
    const summary = summarise(this.pending);
    this.pending = [];
    this.lastAt = this.clock.now();
    this.options.announce(summary);
  }

  /** Drops what is pending (the board was closed): it no longer concerns the person. */
  dispose(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
