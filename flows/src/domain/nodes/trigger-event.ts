import { z } from 'zod';
import { ConditionGroupSchema, evaluateConditionGroup } from '../conditions.ts';
import { CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';

export const TriggerEventConfigSchema = z.object({
  event: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('The CDP event name, e.g. Order Completed or Page Viewed'),
  filters: ConditionGroupSchema.default({ match: 'all', rules: [], groups: [] }).describe(
    'Only events matching these conditions start a run (paths such as event.properties.plan)',
  ),
});
export type TriggerEventConfig = z.infer<typeof TriggerEventConfigSchema>;

export const triggerEventNode = defineNodeType<TriggerEventConfig>({
  type: 'trigger.event',
  category: 'trigger',
  label: 'CDP event',
  description: 'Starts when a profile does something: a tracked event, a page view, an identify.',
  icon: 'customers',
  color: CATEGORY_COLORS.trigger,
  configSchema: TriggerEventConfigSchema,
  defaultConfig: { event: 'Order Completed', filters: { match: 'all', rules: [], groups: [] } },
  outputs: () => [NEXT_HANDLE],
  matches: (config, event) =>
    event.event === config.event &&
    evaluateConditionGroup(config.filters, { event, profile: null, steps: {} }),
  execute: async (context) => ({
    kind: 'continue',
    handle: NEXT_HANDLE.id,
    output: context.trigger.properties,
  }),
});
