import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/feeds/rate-limit.ts';

describe('per-token rate limit (token bucket)', () => {
  it('allows a burst, then one request per refill interval, per key', () => {
    let t = 0;
    const limiter = createRateLimiter({ burst: 3, refillMs: 10_000, maxKeys: 100, now: () => t });
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.retryAfterSeconds('a')).toBe(10);
    t += 9_999;
    expect(limiter.take('a')).toBe(false);
    t += 1;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('remembers at most maxKeys keys, forgetting the least recently seen', () => {
    const limiter = createRateLimiter({ burst: 1, refillMs: 60_000, maxKeys: 2, now: () => 0 });
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.take('a')).toBe(false); // a is now the most recent
    expect(limiter.take('c')).toBe(true); // b is forgotten
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('b')).toBe(true); // a fresh bucket: b was forgotten
  });
});
