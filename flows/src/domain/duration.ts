import { z } from 'zod';

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;

const UNIT_MS: Record<(typeof DURATION_UNITS)[number], number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
};

export const DurationSchema = z.object({
  amount: z.number().int().min(1).max(100_000),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof DurationSchema>;

/** Elapsed time, not calendar days: "2 days" is 48 hours whatever the time zone does meanwhile. */
export function durationMs(duration: Duration): number {
  return duration.amount * UNIT_MS[duration.unit];
}
