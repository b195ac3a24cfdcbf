/**
 * A token bucket per key (a feed token), in memory: each key may make `burst` requests at
 * once and then one every `refillMs`. Calendar apps poll a feed every few minutes to
 * hours; this stops a leaked URL in a loop from keeping the database busy. Each replica
 * counts on its own, so N replicas allow N times the rate: a bound, not an accounting.
 */
export interface RateLimiterOptions {
  burst: number;
  refillMs: number;
  /** Keys remembered at most; the least recently seen are forgotten first (bounded memory). */
  maxKeys: number;
  now?: () => number;
}

export interface RateLimiter {
  /** Takes one request from the key's bucket; false when it is empty. */
  take(key: string): boolean;
  /** Seconds until the key's next request is allowed (for Retry-After). */
  retryAfterSeconds(key: string): number;
}

export function createRateLimiter(o: RateLimiterOptions): RateLimiter {
  const now = o.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (key: string) => {
    const t = now();
    const b = buckets.get(key);
    if (!b) return { tokens: o.burst, at: t };
    const tokens = Math.min(o.burst, b.tokens + (t - b.at) / o.refillMs);
    return { tokens, at: t };
  };
  return {
    take(key) {
      const b = refill(key);
      // Re-inserted: a Map keeps insertion order, so its first key is the least recent.
      buckets.delete(key);
      if (buckets.size >= o.maxKeys) buckets.delete(buckets.keys().next().value!);
      const allowed = b.tokens >= 1;
      buckets.set(key, { tokens: allowed ? b.tokens - 1 : b.tokens, at: b.at });
      return allowed;
    },
    retryAfterSeconds(key) {
      const b = refill(key);
      return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * o.refillMs) / 1000);
    },
  };
}
