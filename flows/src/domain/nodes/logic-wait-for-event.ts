import { z } from 'zod';
import { DurationSchema, durationMs } from '../duration.ts';
import { CATEGORY_COLORS, defineNodeType } from '../node-definition.ts';
import { NO_RETRY } from '../retry-backoff.ts';

export const LogicWaitForEventConfigSchema = z.object({
  event: z.string().trim().min(1).max(200).describe('The CDP event to wait for, e.g. Booking Created'),
  properties: z
    .array(z.object({ name: z.string().trim().min(1).max(200), value: z.string().max(1000) }))
    .max(20)
    .default([])
    .describe('Only events whose properties equal these values (dotted names reach nested fields)'),
  timeout: DurationSchema.describe('Give up and leave by "timeout" after'),
});
export type LogicWaitForEventConfig = z.infer<typeof LogicWaitForEventConfigSchema>;

/** The property filter as the event matching (`eventMatchesProperties`, the server) takes it. */
export function propertyFilterOf(config: LogicWaitForEventConfig): Record<string, unknown> | undefined {
  if (config.properties.length === 0) return undefined;
  return Object.fromEntries(config.properties.map((property) => [property.name, property.value]));
}

export const logicWaitForEventNode = defineNodeType<LogicWaitForEventConfig>({
  type: 'logic.waitForEvent',
  category: 'logic',
  label: 'Wait for event',
  description:
    'Waits until the profile does something, or a timeout. Continues at once if it already happened.',
  icon: 'scheduling',
  color: CATEGORY_COLORS.wait,
  configSchema: LogicWaitForEventConfigSchema,
  defaultConfig: { event: 'Order Completed', properties: [], timeout: { amount: 2, unit: 'days' } },
  outputs: () => [
    { id: 'received', label: 'Received' },
    { id: 'timeout', label: 'Timed out' },
  ],
  retry: NO_RETRY,
  execute: async (context) => {
    const { config, resumed } = context;
    if (resumed?.reason === 'event')
      return { kind: 'continue', handle: 'received', output: { event: resumed.event } };
    if (resumed?.reason === 'timer') return { kind: 'continue', handle: 'timeout', output: { event: null } };
    const properties = propertyFilterOf(config);
    if (context.run.profileId !== null) {
      const earlier = await context.services.events.happenedSince({
        tenantId: context.run.tenantId,
        profileId: context.run.profileId,
        event: config.event,
        since: context.run.startedAt ?? context.stepStartedAt,
        ...(properties ? { properties } : {}),
      });
      if (earlier) return { kind: 'continue', handle: 'received', output: { event: earlier } };
    }
    const until = new Date(context.stepStartedAt.getTime() + durationMs(config.timeout));
    if (until.getTime() <= context.now.getTime())
      return { kind: 'continue', handle: 'timeout', output: { event: null } };
    return {
      kind: 'wait',
      until,
      forEvent: { event: config.event, ...(properties ? { properties } : {}) },
      output: { until: until.toISOString() },
    };
  },
});
