import { z } from 'zod';
import { scopeOf } from '../evaluation-scope.ts';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import type { ProfileSnapshot } from '../node-type.ts';
import { NO_RETRY } from '../retry-backoff.ts';
import { renderTemplate } from '../template-rendering.ts';
import { WEEKDAYS, instantOfWallTime, isValidTimeZone, nextWallClockTime } from '../zoned-time.ts';

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export const LogicWaitUntilConfigSchema = z
  .object({
    mode: z
      .enum(['dateTime', 'timeOfDay'])
      .default('timeOfDay')
      .describe(
        'dateTime: a fixed moment; timeOfDay: the next time the clock shows the time (on the weekdays)',
      ),
    at: z
      .string()
      .max(300)
      .optional()
      .describe('For dateTime: 2026-05-01T09:00 (in the zone below), an ISO instant, or a template'),
    time: z.string().regex(TIME_OF_DAY, 'Use HH:MM').default('09:00'),
    weekdays: z.array(z.enum(WEEKDAYS)).max(7).default([]).describe('Empty: any day'),
    zoneSource: z
      .enum(['profile', 'fixed'])
      .default('profile')
      .describe("profile: the profile's time zone trait, else the zone below"),
    zoneTrait: z.string().trim().min(1).max(100).default('timezone'),
    zone: z
      .string()
      .default('UTC')
      .refine(isValidTimeZone, 'Not an IANA time zone (e.g. Europe/Paris)')
      .describe('An IANA time zone such as Europe/Paris'),
  })
  .refine((config) => config.mode !== 'dateTime' || (config.at ?? '').trim() !== '', {
    message: 'A date and time is needed',
    path: ['at'],
  });
export type LogicWaitUntilConfig = z.infer<typeof LogicWaitUntilConfigSchema>;

export function timeZoneFor(config: LogicWaitUntilConfig, profile: ProfileSnapshot | null): string {
  if (config.zoneSource === 'profile') {
    const trait = profile?.traits[config.zoneTrait];
    if (typeof trait === 'string' && isValidTimeZone(trait)) return trait;
  }
  return config.zone;
}

/** When the wait ends, counted from `from` (the step's first start); null if `at` is no date. */
export function waitUntilTarget(
  config: LogicWaitUntilConfig,
  from: Date,
  zone: string,
  scope: unknown,
): Date | null {
  if (config.mode === 'timeOfDay') {
    const [hour, minute] = config.time.split(':').map(Number);
    return nextWallClockTime(from, { hour: hour!, minute: minute! }, config.weekdays, zone);
  }
  const at = renderTemplate(config.at ?? '', scope).trim();
  const local = LOCAL_DATE_TIME.exec(at);
  if (local) {
    const [, year, month, day, hour, minute, second] = local.map(Number);
    return instantOfWallTime(
      { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second || 0 },
      zone,
    );
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const [year, month, day] = at.split('-').map(Number);
    return instantOfWallTime({ year: year!, month: month!, day: day!, hour: 0, minute: 0 }, zone);
  }
  const instant = Date.parse(at);
  return Number.isNaN(instant) ? null : new Date(instant);
}

export const logicWaitUntilNode = defineNodeType<LogicWaitUntilConfig>({
  type: 'logic.waitUntil',
  category: 'logic',
  label: 'Wait until',
  description:
    "Pauses until a date and time, or the next time of day (in the profile's or a fixed time zone).",
  icon: 'scheduling',
  color: CATEGORY_COLORS.wait,
  configSchema: LogicWaitUntilConfigSchema,
  defaultConfig: {
    mode: 'timeOfDay',
    time: '09:00',
    weekdays: [],
    zoneSource: 'profile',
    zoneTrait: 'timezone',
    zone: 'UTC',
  },
  outputs: () => [NEXT_HANDLE],
  retry: NO_RETRY,
  execute: async (context) => {
    const zone = timeZoneFor(context.config, context.profile);
    const target = waitUntilTarget(context.config, context.stepStartedAt, zone, scopeOf(context));
    // A date that cannot be read (an empty event field) does not hold the run forever.
    if (target === null)
      return { kind: 'continue', handle: NEXT_HANDLE.id, output: { skipped: 'no date', zone } };
    const output = { until: target.toISOString(), zone };
    if (context.resumed?.reason === 'timer' || target.getTime() <= context.now.getTime()) {
      return { kind: 'continue', handle: NEXT_HANDLE.id, output };
    }
    return { kind: 'wait', until: target, output };
  },
});
