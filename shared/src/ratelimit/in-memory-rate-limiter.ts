import type { Clock, RateLimitDecision, RateLimitRule, RateLimiter } from '../ports/index.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets in process memory: local mode's limiter (one process, nothing to share). */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly maxBuckets = 100_000,
  ) {}

  async take(key: string, rule: RateLimitRule, cost = 1): Promise<RateLimitDecision> {
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(key) ?? { tokens: rule.capacity, updatedAt: now };
    const refilled = Math.min(
      rule.capacity,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * rule.refillPerSecond,
    );
    const allowed = refilled >= cost;
    const tokens = allowed ? refilled - cost : refilled;
    // Re-insert so the Map's order is least-recently-used first, then forget the coldest buckets.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, updatedAt: now });
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    return {
      allowed,
      remaining: tokens,
      retryAfterMs: allowed ? 0 : Math.ceil(((cost - tokens) / rule.refillPerSecond) * 1000),
    };
  }
}
