/** Delays before attempts 2, 3, … of a webhook delivery: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
];

/**
 * When to try again after attempt number `attempt` (1-based) failed, or undefined when the schedule
 * is used up. Jitter spreads retries of many deliveries that failed together: ±`jitter` (a fraction)
 * around the scheduled delay, drawn with `random` (0..1).
 */
export function nextRetryDelayMs(
  attempt: number,
  schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS,
  random: () => number = Math.random,
  jitter = 0.1,
): number | undefined {
  const base = schedule[attempt - 1];
  if (base === undefined) return undefined;
  const factor = 1 + jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(base * factor));
}

/** Attempts a delivery gets in all: the first plus one per scheduled retry. */
export const maxAttempts = (schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS) => schedule.length + 1;
