import { z } from 'zod';
import { ConditionGroupSchema, evaluateConditionGroup } from '../conditions.ts';
import { scopeOf } from '../evaluation-scope.ts';
import { CATEGORY_COLORS, defineNodeType } from '../node-definition.ts';
import { NO_RETRY } from '../retry-backoff.ts';

const RESERVED_HANDLES = new Set(['default', 'error', 'in']);

export const SwitchCaseSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,50}$/, 'Letters, digits, - and _ only')
    .describe('The output handle id; edges refer to it, so keep it when renaming the label'),
  label: z.string().trim().min(1).max(100),
  condition: ConditionGroupSchema,
});

export const LogicSwitchConfigSchema = z
  .object({
    cases: z.array(SwitchCaseSchema).min(1).max(20).describe('Checked in order; the first that holds wins'),
  })
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.cases.forEach((switchCase, index) => {
      if (RESERVED_HANDLES.has(switchCase.id) || seen.has(switchCase.id)) {
        context.addIssue({
          code: 'custom',
          message: RESERVED_HANDLES.has(switchCase.id)
            ? `"${switchCase.id}" is reserved`
            : 'Case ids must differ',
          path: ['cases', index, 'id'],
        });
      }
      seen.add(switchCase.id);
    });
  });
export type LogicSwitchConfig = z.infer<typeof LogicSwitchConfigSchema>;

export const logicSwitchNode = defineNodeType<LogicSwitchConfig>({
  type: 'logic.switch',
  category: 'logic',
  label: 'Switch',
  description: 'Sends the run down the first case whose conditions hold, else "Other".',
  icon: 'automations',
  color: CATEGORY_COLORS.logic,
  configSchema: LogicSwitchConfigSchema,
  defaultConfig: {
    cases: [
      {
        id: 'case-1',
        label: 'Case 1',
        condition: {
          match: 'all',
          rules: [{ path: 'event.properties.plan', operator: 'equals', value: 'pro' }],
          groups: [],
        },
      },
    ],
  },
  outputs: (config) => [
    ...(Array.isArray(config.cases) ? config.cases : [])
      .filter((switchCase) => typeof switchCase?.id === 'string')
      .map((switchCase) => ({ id: switchCase.id, label: switchCase.label || switchCase.id })),
    { id: 'default', label: 'Other' },
  ],
  retry: NO_RETRY,
  execute: async (context) => {
    const scope = scopeOf(context);
    const match = context.config.cases.find((switchCase) =>
      evaluateConditionGroup(switchCase.condition, scope),
    );
    return { kind: 'continue', handle: match?.id ?? 'default', output: { case: match?.id ?? 'default' } };
  },
});
