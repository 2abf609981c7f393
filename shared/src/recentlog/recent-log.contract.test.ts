import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecentLog } from '../ports/index.ts';
import { requiredService } from '../testing/index.ts';
import { InMemoryRecentLog } from './in-memory-recent-log.ts';
import { RedisRecentLog } from './redis-recent-log.ts';

let now = Date.now();
const clock = { now: () => new Date(now) };
const options = { capacity: 5, ttlSeconds: 2 };
const logs: Array<{ name: string; log: RecentLog; expire(): Promise<void>; close(): Promise<void> }> = [
  {
    name: 'in memory',
    log: new InMemoryRecentLog(clock, options),
    expire: async () => void (now += 2_100),
    close: async () => {},
  },
];
const redisUrl = requiredService('REDIS_URL');
if (redisUrl) {
  const redis = new RedisRecentLog(redisUrl, options, `test:recent:${randomUUID()}:`);
  logs.push({
    name: 'Redis',
    log: redis,
    expire: () => new Promise((resolve) => setTimeout(resolve, 2_100)),
    close: () => redis.close(),
  });
}

describe.each(logs)('RecentLog contract: $name', ({ log, expire, close }) => {
  afterAll(() => close());

  it('gives the newest entries first, keeps only the newest `capacity`, and keeps keys apart', async () => {
    const key = randomUUID();
    await log.push(key, ['1', '2', '3']);
    await log.push(key, ['4']);
    expect(await log.recent(key, 10)).toEqual(['4', '3', '2', '1']);
    expect(await log.recent(key, 2)).toEqual(['4', '3']);
    await log.push(key, ['5', '6', '7']);
    expect(await log.recent(key, 10)).toEqual(['7', '6', '5', '4', '3']);
    await log.push(key, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(await log.recent(key, 10)).toEqual(['g', 'f', 'e', 'd', 'c']);
    expect(await log.recent(randomUUID(), 10)).toEqual([]);
    expect(await log.recent(key, 0)).toEqual([]);
  });

  it('forgets a key when told to', async () => {
    const key = randomUUID();
    const other = randomUUID();
    await log.push(key, ['gone']);
    await log.push(other, ['kept']);
    await log.clear(key);
    expect(await log.recent(key, 10)).toEqual([]);
    expect(await log.recent(other, 10)).toEqual(['kept']);
    await log.clear(randomUUID());
  });

  it('forgets a key its time after the last push', async () => {
    const key = randomUUID();
    await log.push(key, ['personal data']);
    expect(await log.recent(key, 10)).toEqual(['personal data']);
    await expire();
    expect(await log.recent(key, 10)).toEqual([]);
  });
});
