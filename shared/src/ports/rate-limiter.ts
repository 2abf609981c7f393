export interface RateLimitRule {
  /** Bucket size: the burst allowed. */
  capacity: number;
  /** Tokens added back per second: the sustained rate. */
  refillPerSecond: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** When not allowed: how long until one token is back. */
  retryAfterMs: number;
}

/** Token buckets keyed by e.g. tenant or IP; in memory locally, Redis in staging. */
export interface RateLimiter {
  take(key: string, rule: RateLimitRule, cost?: number): Promise<RateLimitDecision>;
}
