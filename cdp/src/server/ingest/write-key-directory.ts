import type { Database } from '@orchestrator/shared/ports';
import type { SourcesRepository, WriteKeyOwner } from '../sources/sources-repository.ts';

/**
 * How long an api process may keep answering from what it read about a write key. A key disabled or
 * rotated out through another process is refused at most this long afterwards; the process that made
 * the change forgets the key at once (`forget`).
 */
export const WRITE_KEY_CACHE_TTL_MS = 2_000;
/** Unknown keys are cached too (so a flood of bad keys does not reach the database); bounded in number. */
const MAX_CACHED_KEYS = 10_000;

interface CachedLookup {
  owner: Promise<WriteKeyOwner | undefined>;
  expiresAt: number;
}

/**
 * Who owns a write key, looked up in a system transaction (the tenant is not known yet) and cached for
 * a few seconds because every ingest request asks. Concurrent requests for one key share one query.
 */
export class WriteKeyDirectory {
  private readonly cache = new Map<string, CachedLookup>();

  constructor(
    private readonly database: Database,
    private readonly sources: SourcesRepository,
    private readonly ttlMs = WRITE_KEY_CACHE_TTL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  lookup(writeKey: string): Promise<WriteKeyOwner | undefined> {
    const cached = this.cache.get(writeKey);
    if (cached && cached.expiresAt > this.now()) return cached.owner;
    const owner = this.database.systemTx((tx) => this.sources.findByWriteKey(tx, writeKey));
    this.remember(writeKey, owner);
    // A failed look-up (database down) is not remembered: the next request asks again.
    owner.catch(() => {
      if (this.cache.get(writeKey)?.owner === owner) this.cache.delete(writeKey);
    });
    return owner;
  }

  /** Drops what is cached about a key whose source was just changed. */
  forget(writeKey: string): void {
    this.cache.delete(writeKey);
  }

  private remember(writeKey: string, owner: Promise<WriteKeyOwner | undefined>): void {
    this.cache.delete(writeKey);
    if (this.cache.size >= MAX_CACHED_KEYS) {
      // Maps iterate in insertion order: the first entry is the oldest.
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(writeKey, { owner, expiresAt: this.now() + this.ttlMs });
  }
}
