import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KESTRA_IDEMPOTENCY_LABEL_KEY, KestraHttpApi } from '@orchestrator/devops/server';
import { startMockServer, type MockServer } from '../node.ts';

const KESTRA_URL = 'http://kestra.test:8080';
const credentials = { username: 'admin@kestra.io', password: 'Admin1234' };
const authorization = `Basic ${btoa(`${credentials.username}:${credentials.password}`)}`;
const deployInputs = { service: 'api', version: '1.4.2' };

/** Asks the mock, the way an operator would ask Kestra, how many executions a flow has. */
async function executionsOf(flowId: string, query: Record<string, string> = {}) {
  const params = new URLSearchParams({ namespace: 'orchestrator.ops', flowId, size: '50', ...query });
  const response = await fetch(`${KESTRA_URL}/api/v1/main/executions/search?${params}`, {
    headers: { authorization },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { results: { id: string }[]; total: number };
}

describe('KestraHttpApi with an idempotency key, against the Kestra mock', () => {
  let mocks: MockServer;
  beforeEach(() => {
    mocks = startMockServer({ kestra: { url: KESTRA_URL, basicAuth: credentials } });
  });
  afterEach(() => mocks.close());

  const kestra = new KestraHttpApi({ url: KESTRA_URL, ...credentials });

  it('starts one execution for two triggers with the same key, and returns it both times', async () => {
    const key = 'run-42:deploy:1';
    const first = await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs, {
      idempotencyKey: key,
    });
    // Kestra moved on meanwhile: the retry gets the same execution as it is now.
    await kestra.getExecution(first.id);
    const retried = await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs, {
      idempotencyKey: key,
    });

    expect(retried.id).toBe(first.id);
    expect(retried.state.current).toBe('RUNNING');
    expect(await executionsOf('deploy')).toMatchObject({ total: 1, results: [{ id: first.id }] });
    // The key holds `:`, so it travels hashed; Kestra's own correlation label is kept.
    const hashed = createHash('sha256').update(key).digest('hex');
    expect(first.labels).toEqual(
      expect.arrayContaining([
        { key: KESTRA_IDEMPOTENCY_LABEL_KEY, value: hashed },
        { key: 'system.correlationId', value: first.id },
      ]),
    );
  });

  it('starts one execution per key, and one per trigger without a key', async () => {
    const one = await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs, {
      idempotencyKey: 'run-1:deploy:1',
    });
    const other = await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs, {
      idempotencyKey: 'run-2:deploy:1',
    });
    expect(other.id).not.toBe(one.id);
    expect((await executionsOf('deploy')).total).toBe(2);

    await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs);
    await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs);
    expect((await executionsOf('deploy')).total).toBe(4);
  });

  it('does not take an execution of another flow with the same key for this one', async () => {
    const key = 'run-7:ops:1';
    const check = await kestra.triggerExecution(
      'orchestrator.ops',
      'version-check',
      {},
      { idempotencyKey: key },
    );
    const deploy = await kestra.triggerExecution('orchestrator.ops', 'deploy', deployInputs, {
      idempotencyKey: key,
    });
    expect(deploy.id).not.toBe(check.id);
    expect(deploy.flowId).toBe('deploy');
    expect((await executionsOf('deploy')).total).toBe(1);
    expect((await executionsOf('version-check')).total).toBe(1);
  });

  it('dedupes on the older un-tenanted paths too', async () => {
    const legacy = new KestraHttpApi({ url: KESTRA_URL, tenant: null, ...credentials });
    const first = await legacy.triggerExecution('orchestrator.ops', 'backup', {}, { idempotencyKey: 'k:1' });
    const again = await legacy.triggerExecution('orchestrator.ops', 'backup', {}, { idempotencyKey: 'k:1' });
    expect(again.id).toBe(first.id);
    expect((await executionsOf('backup')).total).toBe(1);
  });
});

describe('the Kestra mock: labels on create, label filters on search', () => {
  let mocks: MockServer;
  beforeEach(() => {
    mocks = startMockServer({ kestra: { url: KESTRA_URL, basicAuth: credentials } });
  });
  afterEach(() => mocks.close());

  const create = (labels: string[]) => {
    const query = new URLSearchParams(labels.map((label) => ['labels', label]));
    return fetch(`${KESTRA_URL}/api/v1/main/executions/orchestrator.ops/version-check?${query}`, {
      method: 'POST',
      headers: { authorization },
    });
  };

  it('stores the labels given at creation and filters on them, in both parameter forms', async () => {
    const blue = (await (await create(['team:blue', 'ticket:OPS-1'])).json()) as { id: string };
    await create(['team:red']);

    expect(await executionsOf('version-check', { labels: 'team:blue' })).toMatchObject({
      total: 1,
      results: [{ id: blue.id }],
    });
    expect((await executionsOf('version-check', { labels: 'team:green' })).total).toBe(0);
    const generic = new URLSearchParams({
      'filters[namespace][EQUALS]': 'orchestrator.ops',
      'filters[labels][EQUALS][ticket]': 'OPS-1',
    });
    const response = await fetch(`${KESTRA_URL}/api/v1/main/executions/search?${generic}`, {
      headers: { authorization },
    });
    expect(await response.json()).toMatchObject({ total: 1, results: [{ id: blue.id }] });
    // The older `namespace` parameter is a prefix of whole namespace segments.
    expect((await executionsOf('version-check', { namespace: 'orchestrator' })).total).toBe(2);
    expect((await executionsOf('version-check', { namespace: 'orchestrator.op' })).total).toBe(0);
  });

  it('refuses a label that is not key:value, as Kestra does', async () => {
    expect((await create(['no-separator'])).status).toBe(422);
    expect((await create(['key:'])).status).toBe(422);
    expect((await executionsOf('version-check')).total).toBe(0);
  });
});
