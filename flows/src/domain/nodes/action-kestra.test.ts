import { describe, expect, it } from 'vitest';
import type { KestraApi, KestraExecution } from '@orchestrator/shared/ports';
import { executionContext, fakeServices } from '../test-fixtures.ts';
import { actionKestraNode, ActionKestraConfigSchema } from './action-kestra.ts';

/**
 * An in-memory Kestra that keeps the port's promise: a trigger with a key it has seen for that flow
 * returns the execution it started then. It records every trigger and every execution it started.
 */
function kestraKeepingKeys() {
  const triggers: { flowId: string; idempotencyKey: string | undefined }[] = [];
  const started: KestraExecution[] = [];
  const byKey = new Map<string, KestraExecution>();
  const kestra: KestraApi = {
    listFlows: async () => [],
    getExecution: async () => Promise.reject(new Error('unused')),
    triggerExecution: async (namespace, flowId, _inputs, options) => {
      triggers.push({ flowId, idempotencyKey: options?.idempotencyKey });
      const key = options?.idempotencyKey && `${namespace}/${flowId}/${options.idempotencyKey}`;
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return existing;
      const execution: KestraExecution = {
        id: `exec-${started.length + 1}`,
        namespace,
        flowId,
        state: { current: 'CREATED' },
      };
      started.push(execution);
      if (key) byKey.set(key, execution);
      return execution;
    },
  };
  return { kestra, triggers, started };
}

describe('action.kestra and its idempotency key', () => {
  const config = ActionKestraConfigSchema.parse({
    namespace: 'orchestrator.ops',
    flowId: 'deploy',
    inputs: [{ name: 'service', value: 'api' }],
  });

  it('starts one execution when the step runs twice under the same key (a retry after a crash)', async () => {
    const { kestra, triggers, started } = kestraKeepingKeys();
    const { services } = fakeServices({ kestra });
    const step = executionContext(config, { services, idempotencyKey: 'run-9:deploy:1' });

    const first = await actionKestraNode.execute!(step);
    const retried = await actionKestraNode.execute!({ ...step, attempt: 2 });

    expect(triggers).toEqual([
      { flowId: 'deploy', idempotencyKey: 'run-9:deploy:1' },
      { flowId: 'deploy', idempotencyKey: 'run-9:deploy:1' },
    ]);
    expect(started).toHaveLength(1);
    expect(retried).toEqual(first);
    expect(first).toMatchObject({ kind: 'continue', output: { executionId: 'exec-1' } });
  });

  it('starts another execution for another visit of the node (another key)', async () => {
    const { kestra, started } = kestraKeepingKeys();
    const { services } = fakeServices({ kestra });
    await actionKestraNode.execute!(executionContext(config, { services, idempotencyKey: 'run-9:deploy:1' }));
    await actionKestraNode.execute!(executionContext(config, { services, idempotencyKey: 'run-9:deploy:2' }));
    expect(started.map((execution) => execution.id)).toEqual(['exec-1', 'exec-2']);
  });
});
