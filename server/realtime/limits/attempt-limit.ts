/**
 * The join-attempt limit per client address, behind one interface: in this process for one
 * instance (`LocalAttemptLimit`, a sliding window), or in Redis with rate-limiter-flexible
 * when several instances share the load (server/scale/redis-attempt-limit.ts), so a guesser
 * gains nothing by spreading attempts over instances.
 */
import { AttemptLimiter } from './token-bucket';

export interface AttemptLimit {
  /** Records an attempt; resolves with the seconds to wait when over the limit, else 0. */
  hit(key: string): Promise<number>;
}

export class LocalAttemptLimit implements AttemptLimit {
  private readonly limiter: AttemptLimiter;

  constructor(perMinute: number) {
    this.limiter = new AttemptLimiter(perMinute);
  }

  async hit(key: string): Promise<number> {
    return this.limiter.hit(key);
  }
}
