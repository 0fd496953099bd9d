import { describe, expect, it } from 'vitest';
import { AttemptLimiter, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let t = 0;
    const bucket = new TokenBucket(10, 30, () => t);
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) allowed++;
    expect(allowed).toBe(30);
    t += 1000;
    allowed = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) allowed++;
    expect(allowed).toBe(10);
  });
});

describe('AttemptLimiter', () => {
  it('limits attempts per key per minute and says how long to wait', () => {
    let t = 0;
    const limiter = new AttemptLimiter(3, () => t);
    expect([1, 2, 3].map(() => limiter.hit('a'))).toEqual([0, 0, 0]);
    expect(limiter.hit('a')).toBe(60);
    expect(limiter.hit('b')).toBe(0);
    t = 30_000;
    expect(limiter.hit('a')).toBe(30);
    t = 60_001;
    expect(limiter.hit('a')).toBe(0);
  });
});
