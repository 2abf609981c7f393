import { expect } from 'vitest';
import type { RunningSuite } from '../suite.ts';
import { call } from '../testing/start-test-suite.ts';
import { basicAuth } from '../cdp/ingest-test-kit.ts';

export interface GraphNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: { config: Record<string, unknown> };
}

export const flowNode = (id: string, type: string, config: Record<string, unknown>, x = 0): GraphNode => ({
  id,
  type,
  position: { x, y: 0 },
  data: { config },
});

export const flowEdge = (source: string, target: string, sourceHandle = 'next') => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  target,
  sourceHandle,
  targetHandle: 'in',
});

/** trigger.event(Signed Up) → condition(plan = pro) → true: welcome e-mail to the profile. */
export function welcomeFlowGraph(event = 'Signed Up') {
  return {
    nodes: [
      flowNode('trigger', 'trigger.event', { event }),
      flowNode(
        'is-pro',
        'logic.condition',
        {
          condition: {
            match: 'all',
            rules: [{ path: 'event.properties.plan', operator: 'equals', value: 'pro' }],
          },
        },
        200,
      ),
      flowNode(
        'welcome',
        'action.sendEmail',
        {
          to: '{{profile.traits.email}}',
          subject: 'Welcome {{ profile.traits.firstName | default: "there" }}',
          text: 'You are on the {{event.properties.plan}} plan.',
        },
        400,
      ),
    ],
    edges: [flowEdge('trigger', 'is-pro'), flowEdge('is-pro', 'welcome', 'true')],
  };
}

/** Creates and publishes a flow; returns its id. */
export async function publishFlow(
  suite: RunningSuite,
  token: string,
  body: { name: string; graph: unknown; settings?: unknown },
): Promise<string> {
  const created = await call(suite, 'POST', '/api/v1/flows', { token, body });
  expect(created.status).toBe(201);
  const published = await call(suite, 'POST', `/api/v1/flows/${created.body.id}/publish`, { token });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id;
}

/** Sends Segment calls to `/v1/<type>` as an SDK would. */
export async function segment(
  suite: RunningSuite,
  writeKey: string,
  type: string,
  body: Record<string, unknown>,
) {
  const response = await call(suite, 'POST', `/v1/${type}`, {
    body,
    headers: { authorization: basicAuth(writeKey) },
  });
  expect(response.status).toBe(200);
}

/** Polls the flow's runs until one reaches `status`, and returns it with its steps. */
export async function settledRun(
  suite: RunningSuite,
  token: string,
  flowId: string,
  status: string,
  timeout = 30_000,
) {
  let runId: string | undefined;
  await expect
    .poll(
      async () => {
        const runs = await call(suite, 'GET', `/api/v1/flows/${flowId}/runs?status=${status}`, { token });
        runId = runs.body.items?.[0]?.id;
        return runId;
      },
      { timeout, interval: 50 },
    )
    .toBeDefined();
  return (await call(suite, 'GET', `/api/v1/flows/runs/${runId}`, { token })).body;
}
