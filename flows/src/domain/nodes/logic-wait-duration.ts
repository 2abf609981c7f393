import type { z } from 'zod';
import { DurationSchema, durationMs } from '../duration.ts';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { NO_RETRY } from '../retry-backoff.ts';

export const LogicWaitDurationConfigSchema = DurationSchema;
export type LogicWaitDurationConfig = z.infer<typeof LogicWaitDurationConfigSchema>;

export const logicWaitDurationNode = defineNodeType<LogicWaitDurationConfig>({
  type: 'logic.waitDuration',
  category: 'logic',
  label: 'Wait',
  description: 'Pauses the run for a while (minutes, hours, days, weeks), measured from when it got here.',
  icon: 'scheduling',
  color: CATEGORY_COLORS.wait,
  configSchema: LogicWaitDurationConfigSchema,
  defaultConfig: { amount: 1, unit: 'days' },
  outputs: () => [NEXT_HANDLE],
  retry: NO_RETRY,
  execute: async (context) => {
    // From the step's first start, so a restart or a retry never makes the wait longer.
    const until = new Date(context.stepStartedAt.getTime() + durationMs(context.config));
    if (context.resumed?.reason === 'timer' || context.now.getTime() >= until.getTime()) {
      return { kind: 'continue', handle: NEXT_HANDLE.id, output: { waitedUntil: until.toISOString() } };
    }
    return { kind: 'wait', until, output: { until: until.toISOString() } };
  },
});
