/** The default clock of every bucket: one function, not a closure per bucket (per connection). */
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: `ratePerSecond` sustained, bursts up to `burst`. One per connection bounds
 * how many messages a client may send; a client over the limit is disconnected (4429).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Counts attempts per key (a client address) in a sliding one-minute window. Used for join
 * attempts, so a join code cannot be guessed by brute force.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Records an attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const t = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((at) => t - at < 60_000);
    if (recent.length >= this.perMinute) {
      this.attempts.set(key, recent);
      return Math.max(1, Math.ceil((60_000 - (t - (recent[0] ?? t))) / 1000));
    }
    recent.push(t);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(t);
    return 0;
  }

  private prune(t: number): void {
    for (const [key, list] of this.attempts) {
      if (list.every((at) => t - at >= 60_000)) this.attempts.delete(key);
    }
  }
}
