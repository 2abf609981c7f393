import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { newSource, type TestSource } from '../cdp/ingest-test-kit.ts';
import { flowEdge, flowNode, settledRun } from './flows-test-kit.ts';

/** trigger → condition (total > 100 as a number, vip = true as a boolean) → an exit on each side. */
function bigOrderGraph(event: string) {
  return {
    nodes: [
      flowNode('trigger', 'trigger.event', { event }),
      flowNode(
        'is-big',
        'logic.condition',
        {
          condition: {
            match: 'all',
            rules: [
              { path: 'event.properties.total', operator: 'gt', value: 100 },
              { path: 'event.properties.vip', operator: 'equals', value: true },
            ],
            groups: [],
          },
        },
        200,
      ),
      flowNode('big', 'logic.exit', { reason: 'big order' }, 400),
      flowNode('small', 'logic.exit', { reason: 'small order' }, 400),
    ],
    edges: [
      flowEdge('trigger', 'is-big'),
      flowEdge('is-big', 'big', 'true'),
      flowEdge('is-big', 'small', 'false'),
    ],
  };
}

describe.each(testDatabaseEngines())('automations: condition values and tested graphs on $name', (engine) => {
  let suite: RunningSuite;
  let source: TestSource;
  beforeAll(async () => {
    suite = await startTestSuite(engine);
    source = await newSource(suite);
  });
  afterAll(() => suite?.close());

  it('accepts numbers and booleans as condition values: the flow saves without problems and publishes', async () => {
    const { token } = source;
    const graph = bigOrderGraph('Order Placed');
    const created = await call(suite, 'POST', '/api/v1/flows', {
      token,
      body: { name: 'Big orders', graph },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.problems).toEqual([]);
    expect(created.body.graph.nodes[1].data.config.condition.rules).toMatchObject([
      { value: 100 },
      { value: true },
    ]);
    const published = await call(suite, 'POST', `/api/v1/flows/${created.body.id}/publish`, { token });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toEqual({ version: 1 });
  });

  it('shows a test run with the graph it ran, not the draft edited since', async () => {
    const { token } = source;
    const graph = bigOrderGraph('Order Tested');
    const created = await call(suite, 'POST', '/api/v1/flows', { token, body: { name: 'Tested', graph } });
    const flowId = created.body.id;
    const tested = await call(suite, 'POST', `/api/v1/flows/${flowId}/test-runs`, {
      token,
      body: { event: 'Order Tested', properties: { total: 150, vip: true } },
    });
    expect(tested.status, JSON.stringify(tested.body)).toBe(201);

    const edited = {
      ...graph,
      nodes: graph.nodes.map((node) =>
        node.id === 'big' ? { ...node, data: { config: { reason: 'edited after the test' } } } : node,
      ),
    };
    const saved = await call(suite, 'PUT', `/api/v1/flows/${flowId}`, { token, body: { graph: edited } });
    expect(saved.status).toBe(200);

    const run = await settledRun(suite, token, flowId, 'exited');
    expect(run.id).toBe(tested.body.id);
    // The numeric and boolean values compared as values: 150 > 100 and vip = true.
    expect(
      run.steps.map((step: { nodeId: string; handle: string | null }) => [step.nodeId, step.handle]),
    ).toEqual([
      ['trigger', 'next'],
      ['is-big', 'true'],
      ['big', null],
    ]);
    expect(run.graph).toEqual(created.body.graph);
    expect(run.graph).not.toEqual(saved.body.graph);
    expect(run.graph.nodes[2].data.config.reason).toBe('big order');
  });
});
