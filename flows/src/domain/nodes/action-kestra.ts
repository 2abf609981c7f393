import { z } from 'zod';
import { scopeOf } from '../evaluation-scope.ts';
import { ACTION_OUTPUTS, CATEGORY_COLORS, NEXT_HANDLE, defineNodeType } from '../node-definition.ts';
import { PermanentNodeError } from '../node-errors.ts';
import { DEFAULT_ACTION_RETRY } from '../retry-backoff.ts';
import { renderTemplate } from '../template-rendering.ts';

const KESTRA_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,149}$/;

export const ActionKestraConfigSchema = z.object({
  namespace: z.string().regex(KESTRA_ID, 'Not a Kestra namespace').describe('e.g. company.team'),
  flowId: z.string().regex(KESTRA_ID, 'Not a Kestra flow id'),
  inputs: z
    .array(z.object({ name: z.string().trim().min(1).max(100), value: z.string().max(10_000) }))
    .max(50)
    .default([])
    .describe('Flow inputs; values may hold templates'),
});
export type ActionKestraConfig = z.infer<typeof ActionKestraConfigSchema>;

export const actionKestraNode = defineNodeType<ActionKestraConfig>({
  type: 'action.kestra',
  category: 'action',
  label: 'Run Kestra flow',
  description: 'Starts an execution of a Kestra flow with inputs (ops role only).',
  icon: 'ops',
  color: CATEGORY_COLORS.action,
  configSchema: ActionKestraConfigSchema,
  defaultConfig: { namespace: 'company.team', flowId: 'hello-world', inputs: [] },
  outputs: () => ACTION_OUTPUTS,
  requires: ['kestra'],
  requiresRole: 'ops',
  retry: DEFAULT_ACTION_RETRY,
  execute: async (context) => {
    const kestra = context.services.kestra;
    if (!kestra) throw new PermanentNodeError('Kestra is not configured on this server.');
    const scope = scopeOf(context);
    const inputs = Object.fromEntries(
      context.config.inputs.map((input) => [input.name, renderTemplate(input.value, scope)]),
    );
    // The executor runs a step at least once: with the step's key, a retry after a crash gets back the
    // execution the first attempt started instead of starting the flow (a deploy, a backup) a second time.
    const execution = await kestra.triggerExecution(context.config.namespace, context.config.flowId, inputs, {
      idempotencyKey: context.idempotencyKey,
    });
    return {
      kind: 'continue',
      handle: NEXT_HANDLE.id,
      output: { executionId: execution.id, state: execution.state.current },
    };
  },
});
