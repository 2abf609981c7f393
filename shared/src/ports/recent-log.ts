/**
 * The newest entries per key, capped and expiring: what a live view shows (a source's debugger)
 * without a table written on the hot path. In memory locally; Redis in staging, so every API process
 * sees what the others received.
 */
export interface RecentLog {
  /**
   * Appends entries (oldest first) to the key's list, which keeps its newest `capacity` and expires
   * `ttlSeconds` after its last push.
   */
  push(key: string, entries: readonly string[]): Promise<void>;
  /** The key's entries, newest first, at most `limit`. */
  recent(key: string, limit: number): Promise<string[]>;
  /** Forgets the key's entries (e.g. a person was erased and may be among them). */
  clear(key: string): Promise<void>;
}

export interface RecentLogOptions {
  /** Entries kept per key. */
  capacity: number;
  /** A key untouched this long is forgotten (its entries may hold personal data). */
  ttlSeconds: number;
}
