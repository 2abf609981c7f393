import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KestraHttpApi } from '@orchestrator/devops/server';
import { BadRequestError, NotFoundError, UpstreamError } from '@orchestrator/shared/errors';
import { startMockServer, type MockServer } from '../node.ts';

const KESTRA_URL = 'http://kestra.test:8080';
const credentials = { username: 'admin@kestra.io', password: 'Admin1234' };

describe('KestraHttpApi against the Kestra mock', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer({ kestra: { url: KESTRA_URL, basicAuth: credentials } });
  });
  afterAll(() => mocks.close());

  const kestra = new KestraHttpApi({ url: KESTRA_URL, ...credentials });

  it('lists the flows of a namespace', async () => {
    const flows = await kestra.listFlows('orchestrator.ops');
    expect(flows.map((flow) => flow.id).sort()).toEqual(['backup', 'deploy', 'rollback', 'version-check']);
    const deploy = flows.find((flow) => flow.id === 'deploy');
    expect(deploy?.inputs?.map((input) => input.id)).toEqual(['service', 'version', 'environment']);
    expect(await kestra.listFlows('nobody.here')).toEqual([]);
  });

  it('triggers an execution and polls it from CREATED to SUCCESS', async () => {
    const created = await kestra.triggerExecution('orchestrator.ops', 'deploy', {
      service: 'api',
      version: '1.4.2',
    });
    expect(created).toMatchObject({
      namespace: 'orchestrator.ops',
      flowId: 'deploy',
      state: { current: 'CREATED' },
      inputs: { service: 'api', version: '1.4.2', environment: 'staging' },
    });

    const seen: string[] = [];
    let execution = created;
    for (let poll = 0; poll < 10 && execution.state.current !== 'SUCCESS'; poll += 1) {
      execution = await kestra.getExecution(created.id);
      seen.push(execution.state.current);
    }
    expect(seen[0]).toBe('RUNNING');
    expect(seen.at(-1)).toBe('SUCCESS');
    expect(execution.state.endDate).toBeDefined();
    expect(execution.taskRunList?.map((run) => [run.taskId, run.state.current])).toEqual([
      ['preflight', 'SUCCESS'],
      ['rollout', 'SUCCESS'],
      ['smoke-test', 'SUCCESS'],
    ]);
    // A finished execution stays finished.
    expect((await kestra.getExecution(created.id)).state.current).toBe('SUCCESS');
  });

  it('maps refused inputs, unknown flows and bad credentials to typed errors', async () => {
    await expect(kestra.triggerExecution('orchestrator.ops', 'deploy', { service: 'api' })).rejects.toThrow(
      BadRequestError,
    );
    await expect(
      kestra.triggerExecution('orchestrator.ops', 'deploy', {
        service: 'api',
        version: '1',
        environment: 'moon',
      }),
    ).rejects.toThrow(/must match the values/);
    await expect(kestra.triggerExecution('orchestrator.ops', 'missing', {})).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(kestra.getExecution('doesNotExist')).rejects.toBeInstanceOf(NotFoundError);

    const anonymous = new KestraHttpApi({ url: KESTRA_URL });
    await expect(anonymous.listFlows('orchestrator.ops')).rejects.toThrow(UpstreamError);
  });

  it('also speaks the older un-tenanted paths', async () => {
    const legacy = new KestraHttpApi({ url: KESTRA_URL, tenant: null, ...credentials });
    const execution = await legacy.triggerExecution('orchestrator.ops', 'version-check', {});
    expect(execution.state.current).toBe('CREATED');
    expect((await legacy.getExecution(execution.id)).state.current).toBe('RUNNING');
  });
});
