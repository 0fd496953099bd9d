/**
 * The join-attempt limit shared by every instance: rate-limiter-flexible's Redis store
 * (atomic counters with expiry), keyed by client address under `join:`. While Redis is
 * unreachable an in-memory limiter of the same size stands in (its insurance limiter), so
 * joining keeps working and stays limited per instance.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AttemptLimit } from '../realtime/limits/attempt-limit';
import type { RedisHub } from './redis-hub';

export class RedisAttemptLimit implements AttemptLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(hub: RedisHub, perMinute: number) {
    this.limiter = new RateLimiterRedis({
      storeClient: hub.commands,
      keyPrefix: hub.key('join'),
      points: perMinute,
      duration: 60,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });
  }

  async hit(key: string): Promise<number> {
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (res) {
      if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw res;
    }
  }
}
