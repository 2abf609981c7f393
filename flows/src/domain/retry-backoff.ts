import type { RetryPolicy } from './node-type.ts';

/** Actions try 5 times in all, waiting about 1 s, 2 s, 4 s, 8 s (full jitter), never more than 5 min. */
export const DEFAULT_ACTION_RETRY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
};

/** Logic nodes do no I/O: a throw there is a bug or bad data, and trying again does not help. */
export const NO_RETRY: RetryPolicy = { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0 };

/**
 * The delay before the next attempt after attempt number `attempt` (1-based) failed, or null when the
 * policy is used up (the step takes its `error` handle, or the run fails). Exponential with full
 * jitter (AWS's "full jitter": uniform in [0, min(cap, base·2^(attempt-1))]), so many runs that failed
 * together do not retry in step. `random` returns [0, 1).
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
