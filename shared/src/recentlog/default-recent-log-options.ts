import type { RecentLogOptions } from '../ports/index.ts';

/** What a live view needs: the last hundred entries per key, gone a day after the key's last entry. */
export const DEFAULT_RECENT_LOG_OPTIONS: RecentLogOptions = { capacity: 100, ttlSeconds: 24 * 60 * 60 };
