import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Clock, RateLimiter } from '../ports/index.ts';
import { requiredService } from '../testing/index.ts';
import { InMemoryRateLimiter } from './in-memory-rate-limiter.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

const systemClock: Clock = { now: () => new Date() };
const limiters: Array<{ name: string; limiter: RateLimiter; close(): Promise<void> }> = [
  { name: 'in memory', limiter: new InMemoryRateLimiter(systemClock), close: async () => {} },
];
const redisUrl = requiredService('REDIS_URL');
if (redisUrl) {
  const redis = new RedisRateLimiter(redisUrl);
  limiters.push({ name: 'Redis', limiter: redis, close: () => redis.close() });
}

describe.each(limiters)('RateLimiter contract: $name', ({ limiter, close }) => {
  afterAll(() => close());

  it('allows a burst up to capacity, then refuses with a retry time', async () => {
    const key = `test:${randomUUID()}`;
    const rule = { capacity: 5, refillPerSecond: 1 };
    const decisions = [];
    for (let index = 0; index < 6; index += 1) decisions.push(await limiter.take(key, rule));
    expect(decisions.slice(0, 5).every((decision) => decision.allowed)).toBe(true);
    expect(decisions[5]).toMatchObject({ allowed: false });
    expect(decisions[5]!.retryAfterMs).toBeGreaterThan(0);
    expect(decisions[5]!.retryAfterMs).toBeLessThanOrEqual(1000);
  });

  it('refills over time and keeps buckets apart', async () => {
    const key = `test:${randomUUID()}`;
    const rule = { capacity: 2, refillPerSecond: 20 };
    await limiter.take(key, rule);
    await limiter.take(key, rule);
    expect((await limiter.take(key, rule)).allowed).toBe(false);
    expect((await limiter.take(`${key}:other`, rule)).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await limiter.take(key, rule)).allowed).toBe(true);
  });
});
