import { z } from 'zod';
import { ConditionGroupSchema, evaluateConditionGroup } from '../conditions.ts';
import { scopeOf } from '../evaluation-scope.ts';
import { CATEGORY_COLORS, defineNodeType } from '../node-definition.ts';
import { NO_RETRY } from '../retry-backoff.ts';

export const LogicConditionConfigSchema = z.object({
  condition: ConditionGroupSchema.default({ match: 'all', rules: [], groups: [] }),
});
export type LogicConditionConfig = z.infer<typeof LogicConditionConfigSchema>;

export const logicConditionNode = defineNodeType<LogicConditionConfig>({
  type: 'logic.condition',
  category: 'logic',
  label: 'Condition',
  description: 'If / else on fields of the event, the profile or earlier steps.',
  icon: 'automations',
  color: CATEGORY_COLORS.logic,
  configSchema: LogicConditionConfigSchema,
  defaultConfig: {
    condition: {
      match: 'all',
      rules: [{ path: 'profile.traits.email', operator: 'exists' }],
      groups: [],
    },
  },
  outputs: () => [
    { id: 'true', label: 'Yes' },
    { id: 'false', label: 'No' },
  ],
  retry: NO_RETRY,
  execute: async (context) => {
    const result = evaluateConditionGroup(context.config.condition, scopeOf(context));
    return { kind: 'continue', handle: result ? 'true' : 'false', output: { result } };
  },
});
