import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { newSource, type TestSource } from '../cdp/ingest-test-kit.ts';
import { flowEdge, flowNode, publishFlow, segment, settledRun } from './flows-test-kit.ts';

describe.each(testDatabaseEngines())('GDPR erasure reaching automations on $name', (engine) => {
  let suite: RunningSuite;
  let source: TestSource;
  beforeAll(async () => {
    suite = await startTestSuite(engine);
    source = await newSource(suite);
  });
  afterAll(() => suite?.close());

  it("cancels and scrubs a person's waiting run when their profile is erased", async () => {
    const { token, writeKey } = source;
    const event = `Trial Started ${randomUUID().slice(0, 8)}`;
    const flowId = await publishFlow(suite, token, {
      name: 'Nurture',
      graph: {
        nodes: [
          flowNode('trigger', 'trigger.event', { event }),
          flowNode('wait', 'logic.waitDuration', { amount: 2, unit: 'days' }, 200),
        ],
        edges: [flowEdge('trigger', 'wait')],
      },
    });
    const userId = `user-${randomUUID().slice(0, 8)}`;
    const email = `${userId}@example.com`;
    await segment(suite, writeKey, 'identify', { userId, traits: { email, firstName: 'Ada' } });
    await segment(suite, writeKey, 'track', { userId, event, properties: { email, plan: 'pro' } });

    const waiting = await settledRun(suite, token, flowId, 'waiting');
    expect(waiting).toMatchObject({ currentNodeId: 'wait', trigger: { properties: { email } } });
    expect(waiting.profileId).not.toBeNull();
    expect(JSON.stringify(waiting)).toContain(email);

    const erased = await call(suite, 'DELETE', `/api/v1/cdp/profiles/${waiting.profileId}`, { token });
    expect(erased.status).toBe(204);

    const cancelled = await settledRun(suite, token, flowId, 'cancelled');
    expect(cancelled.id).toBe(waiting.id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      error: 'profile erased',
      profileId: null,
      currentNodeId: null,
      resumeAt: null,
      trigger: { event, profileId: null, properties: { erased: true }, context: {} },
    });
    expect(cancelled.finishedAt).not.toBeNull();
    expect(
      cancelled.steps.map((step: { nodeId: string; status: string; input: unknown; output: unknown }) => [
        step.nodeId,
        step.status,
        step.input,
        step.output,
      ]),
    ).toEqual([
      ['trigger', 'succeeded', { erased: true }, { erased: true }],
      ['wait', 'skipped', { erased: true }, { erased: true }],
    ]);
    // Nothing of the person is left in the run, and nothing is live any more.
    expect(JSON.stringify(cancelled)).not.toMatch(new RegExp(`${userId}|Ada`));
    const flow = await call(suite, 'GET', `/api/v1/flows/${flowId}`, { token });
    expect(flow.body.stats).toMatchObject({ live: 0 });
  });
});
