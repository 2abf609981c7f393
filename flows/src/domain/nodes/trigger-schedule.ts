import { Cron } from 'croner';
import { z } from 'zod';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { isValidTimeZone } from '../zoned-time.ts';

/**
 * The event the server makes up when a schedule fires (no profile: `profileId` null). CDP events never
 * start a scheduled flow; the server asks `nextScheduleFire` when to fire next.
 */
export const SCHEDULE_FIRED_EVENT = 'Schedule Fired';

function isValidCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

export const TriggerScheduleConfigSchema = z.object({
  cron: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(isValidCron, 'Not a cron expression (e.g. "0 9 * * 1" for Mondays at 09:00)')
    .describe('minute hour day month weekday, e.g. 0 9 * * 1'),
  timeZone: z.string().default('UTC').refine(isValidTimeZone, 'Not an IANA time zone (e.g. Europe/Paris)'),
});
export type TriggerScheduleConfig = z.infer<typeof TriggerScheduleConfigSchema>;

/** The first fire strictly after `after`, or null when the pattern never fires again. */
export function nextScheduleFire(config: TriggerScheduleConfig, after: Date): Date | null {
  return new Cron(config.cron, { timezone: config.timeZone, paused: true }).nextRun(after);
}

export const triggerScheduleNode = defineNodeType<TriggerScheduleConfig>({
  type: 'trigger.schedule',
  category: 'trigger',
  label: 'Schedule',
  description: 'Starts a run on a cron schedule in a time zone (runs without a profile).',
  icon: 'scheduling',
  color: CATEGORY_COLORS.trigger,
  configSchema: TriggerScheduleConfigSchema,
  defaultConfig: { cron: '0 9 * * 1', timeZone: 'UTC' },
  outputs: () => [NEXT_HANDLE],
  matches: (_config, event) => event.event === SCHEDULE_FIRED_EVENT,
  execute: async (context) => ({
    kind: 'continue',
    handle: NEXT_HANDLE.id,
    output: context.trigger.properties,
  }),
});
