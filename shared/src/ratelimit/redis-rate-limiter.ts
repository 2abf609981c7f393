import { Redis } from 'ioredis';
import type { RateLimitDecision, RateLimitRule, RateLimiter } from '../ports/index.ts';

/**
 * The token bucket as one Lua script, so concurrent API processes update a bucket atomically.
 * Time comes from Redis (TIME), so the processes' clocks need not agree.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(bucket[1]) or capacity
local updated = tonumber(bucket[2]) or now
tokens = math.min(capacity, tokens + (math.max(0, now - updated) / 1000) * refill)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / refill * 1000) + 1000)
return { allowed, tostring(tokens) }
`;

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'orchestrator:ratelimit:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    this.redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  async take(key: string, rule: RateLimitRule, cost = 1): Promise<RateLimitDecision> {
    const [allowed, tokensText] = (await (
      this.redis as unknown as { takeToken(...args: unknown[]): Promise<[number, string]> }
    ).takeToken(this.prefix + key, rule.capacity, rule.refillPerSecond, cost)) as [number, string];
    const tokens = Number(tokensText);
    return {
      allowed: allowed === 1,
      remaining: tokens,
      retryAfterMs: allowed === 1 ? 0 : Math.ceil(((cost - tokens) / rule.refillPerSecond) * 1000),
    };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
