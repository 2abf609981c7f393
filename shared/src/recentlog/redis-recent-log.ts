import { Redis } from 'ioredis';
import type { RecentLog, RecentLogOptions } from '../ports/index.ts';

/** The RecentLog in Redis (staging): one list per key, newest at the head, trimmed and expired per push. */
export class RedisRecentLog implements RecentLog {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly options: RecentLogOptions,
    private readonly prefix = 'orchestrator:recent:',
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  }

  async push(key: string, entries: readonly string[]): Promise<void> {
    if (entries.length === 0) return;
    const list = this.prefix + key;
    // LPUSH puts each value at the head in turn: oldest first in, newest at the head.
    await this.redis
      .multi()
      .lpush(list, ...entries.slice(-this.options.capacity))
      .ltrim(list, 0, this.options.capacity - 1)
      .expire(list, this.options.ttlSeconds)
      .exec();
  }

  async recent(key: string, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    return this.redis.lrange(this.prefix + key, 0, limit - 1);
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
