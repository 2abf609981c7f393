import type { Clock, RecentLog, RecentLogOptions } from '../ports/index.ts';

interface List {
  /** Oldest first. */
  entries: string[];
  expiresAt: number;
}

/** The RecentLog of one process (local mode). */
export class InMemoryRecentLog implements RecentLog {
  private readonly lists = new Map<string, List>();

  constructor(
    private readonly clock: Clock,
    private readonly options: RecentLogOptions,
  ) {}

  async push(key: string, entries: readonly string[]): Promise<void> {
    if (entries.length === 0) return;
    const now = this.clock.now().getTime();
    this.forgetExpired(now);
    const list = this.lists.get(key) ?? { entries: [], expiresAt: 0 };
    list.entries.push(...entries.slice(-this.options.capacity));
    if (list.entries.length > this.options.capacity) {
      list.entries.splice(0, list.entries.length - this.options.capacity);
    }
    list.expiresAt = now + this.options.ttlSeconds * 1000;
    this.lists.set(key, list);
  }

  async recent(key: string, limit: number): Promise<string[]> {
    const list = this.lists.get(key);
    if (!list || limit <= 0 || list.expiresAt <= this.clock.now().getTime()) return [];
    return list.entries.slice(-limit).reverse();
  }

  async clear(key: string): Promise<void> {
    this.lists.delete(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, list] of this.lists) if (list.expiresAt <= now) this.lists.delete(key);
  }
}
