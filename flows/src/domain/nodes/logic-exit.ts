import { z } from 'zod';
import { CATEGORY_COLORS, defineNodeType } from '../node-definition.ts';
import { NO_RETRY } from '../retry-backoff.ts';

export const LogicExitConfigSchema = z.object({
  reason: z.string().max(200).default('').describe('Shown on the run (e.g. "not a lead")'),
});
export type LogicExitConfig = z.infer<typeof LogicExitConfigSchema>;

export const logicExitNode = defineNodeType<LogicExitConfig>({
  type: 'logic.exit',
  category: 'logic',
  label: 'Exit',
  description: 'Ends the run here.',
  icon: 'automations',
  color: CATEGORY_COLORS.exit,
  configSchema: LogicExitConfigSchema,
  defaultConfig: { reason: '' },
  outputs: () => [],
  retry: NO_RETRY,
  execute: async (context) => ({ kind: 'exit', output: { reason: context.config.reason || null } }),
});
