import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import {
  ManualClock,
  RecordingEmailSender,
  createTenant,
  drain,
  publishTestFlow,
  quiet,
  runsOf,
  stepsOf,
  testEdge,
  testExecutor,
  testNode,
  trackDelivery,
} from './executor-test-support.ts';
import { FlowsRepository } from './flows-repository.ts';
import { RunsRepository } from './runs-repository.ts';
import { TriggerConsumer } from './trigger-consumer.ts';

const MINUTE = 60_000;

/** A webhook receiver answering each request with the next status of `statuses` (then 200). */
class Receiver {
  readonly requests: Array<{ headers: Record<string, unknown>; body: string }> = [];
  statuses: number[] = [];
  private server: Server | undefined;
  url = '';
  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += String(chunk)));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body });
        const status = this.statuses.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: status < 300, ticket: 'T-1' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe.each(testDatabaseEngines())('the durable flow executor on $name', (engine) => {
  let test: TestDatabase;
  let tenantId: string;
  const receiver = new Receiver();
  beforeAll(async () => {
    test = await engine.create();
    tenantId = await createTenant(test.database);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await test?.dispose();
  });
  afterEach(() => {
    receiver.statuses = [];
    receiver.requests.length = 0;
  });

  const setup = () => {
    const clock = new ManualClock();
    const email = new RecordingEmailSender();
    const executor = testExecutor(test.database, clock, email);
    const consumer = new TriggerConsumer({ database: test.database, clock, logger: quiet });
    return { clock, email, executor, consumer };
  };

  it('resumes a wait at its due time, exactly once, and finishes the run', async () => {
    const { clock, email, executor, consumer } = setup();
    const event = `Waited ${randomUUID()}`;
    const flowId = await publishTestFlow(test.database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('wait', 'logic.waitDuration', { amount: 10, unit: 'minutes' }),
        testNode('mail', 'action.sendEmail', { to: 'ada@example.com', subject: 'Later', text: 'hi' }),
      ],
      edges: [testEdge('trigger', 'wait'), testEdge('wait', 'mail')],
    });
    const startedAt = clock.now();
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    await drain(executor);
    const [waiting] = await runsOf(test.database, flowId);
    expect(waiting).toMatchObject({ status: 'waiting', current_node_id: 'wait' });
    expect(new Date(waiting!.resume_at!).getTime()).toBe(startedAt.getTime() + 10 * MINUTE);

    clock.advance(9 * MINUTE);
    expect(await executor.runOnce()).toBe(0);
    expect(email.sent).toHaveLength(0);

    clock.advance(MINUTE);
    await drain(executor);
    const [done] = await runsOf(test.database, flowId);
    expect(done).toMatchObject({ status: 'completed', current_node_id: null, error: null });
    expect(email.sent).toHaveLength(1);
    const steps = await stepsOf(test.database, done!.id);
    expect(steps.map((step) => [step.node_id, step.status, step.handle])).toEqual([
      ['trigger', 'succeeded', 'next'],
      ['wait', 'succeeded', 'next'],
      ['mail', 'succeeded', 'next'],
    ]);
    expect(new Date(steps[2]!.started_at).getTime()).toBe(startedAt.getTime() + 10 * MINUTE);
    expect(steps[2]!.idempotency_key).toBe(`${done!.id}:mail:1`);
    expect(email.sent[0]!.idempotencyKey).toBe(`${done!.id}:mail:1`);
    expect(await executor.runOnce()).toBe(0);
  });

  it('retries a failing action with backoff under one idempotency key, then takes its error handle', async () => {
    const { clock, email, executor, consumer } = setup();
    const event = `Hooked ${randomUUID()}`;
    receiver.statuses = [500, 503, 500, 500, 500];
    const flowId = await publishTestFlow(test.database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('hook', 'action.webhook', {
          url: `${receiver.url}/hook`,
          allowPrivateNetworks: true,
          body: '{"event": "{{event.event}}"}',
        }),
        testNode('alert', 'action.sendEmail', { to: 'ops@example.com', subject: 'Hook failed', text: 'x' }),
      ],
      edges: [testEdge('trigger', 'hook'), testEdge('hook', 'alert', 'error')],
    });
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    await drain(executor);
    for (let attempt = 2; attempt <= 5; attempt += 1) {
      const [run] = await runsOf(test.database, flowId);
      expect(run!.status).toBe('running');
      clock.advance(5 * MINUTE);
      await drain(executor);
    }
    const [run] = await runsOf(test.database, flowId);
    expect(run).toMatchObject({ status: 'completed' });
    expect(receiver.requests).toHaveLength(5);
    const keys = new Set(receiver.requests.map((request) => request.headers['idempotency-key']));
    expect([...keys]).toEqual([`${run!.id}:hook:1`]);
    expect(receiver.requests[0]!.headers['x-orchestrator-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const steps = await stepsOf(test.database, run!.id);
    expect(steps.map((step) => [step.node_id, step.status, step.handle, step.attempts])).toEqual([
      ['trigger', 'succeeded', 'next', 1],
      ['hook', 'failed', 'error', 5],
      ['alert', 'succeeded', 'next', 1],
    ]);
    expect(steps[1]!.error).toBe('The endpoint answered 500.');
    expect(email.sent.map((mail) => mail.subject)).toEqual(['Hook failed']);
  });

  it('fails a run whose action fails without an error handle, and re-runs it from that step', async () => {
    const { clock, executor, consumer } = setup();
    const event = `Rejected ${randomUUID()}`;
    receiver.statuses = [400];
    const flowId = await publishTestFlow(test.database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('hook', 'action.webhook', {
          url: `${receiver.url}/strict`,
          allowPrivateNetworks: true,
          body: '{}',
        }),
      ],
      edges: [testEdge('trigger', 'hook')],
    });
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    await drain(executor);
    const [failed] = await runsOf(test.database, flowId);
    // A 400 is permanent: no retries.
    expect(failed).toMatchObject({ status: 'failed', error: 'The endpoint answered 400.' });
    expect(receiver.requests).toHaveLength(1);

    const runs = new RunsRepository();
    const nodeId = await test.database.tenantTx(tenantId, (tx) =>
      runs.rerunFromFailure(tx, failed!.id, clock.now()),
    );
    expect(nodeId).toBe('hook');
    await drain(executor);
    const [rerun] = await runsOf(test.database, flowId);
    expect(rerun).toMatchObject({ id: failed!.id, status: 'completed', error: null });
    const steps = await stepsOf(test.database, failed!.id);
    expect(steps.map((step) => [step.node_id, step.visit, step.status])).toEqual([
      ['trigger', 1, 'succeeded'],
      ['hook', 1, 'failed'],
      ['hook', 2, 'succeeded'],
    ]);
    expect(receiver.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      `${failed!.id}:hook:1`,
      `${failed!.id}:hook:2`,
    ]);
  });

  it('refuses loopback webhook targets unless both the step and the server allow them', async () => {
    const { clock, email, consumer } = setup();
    const event = `Internal ${randomUUID()}`;
    const flowId = await publishTestFlow(test.database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('hook', 'action.webhook', {
          url: `${receiver.url}/internal`,
          allowPrivateNetworks: true,
          body: '{}',
        }),
      ],
      edges: [testEdge('trigger', 'hook')],
    });
    const strictServer = testExecutor(test.database, clock, email, { allowPrivateNetworks: false });
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    await drain(strictServer);
    const [run] = await runsOf(test.database, flowId);
    expect(run!.status).toBe('failed');
    expect(run!.error).toMatch(/loopback or private/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('starts one run per event however often it is delivered, and applies entry rules', async () => {
    const { consumer } = setup();
    const event = `Entered ${randomUUID()}`;
    const flowId = await publishTestFlow(
      test.database,
      tenantId,
      {
        nodes: [testNode('trigger', 'trigger.event', { event }), testNode('end', 'logic.exit', {})],
        edges: [testEdge('trigger', 'end')],
      },
      { entry: { mode: 'oncePerProfile' } },
    );
    const profileId = randomUUID();
    const first = trackDelivery(tenantId, profileId, event);
    await consumer.handleBatch([first, first]);
    await consumer.handleBatch([first]);
    expect(await runsOf(test.database, flowId)).toHaveLength(1);
    await consumer.handleBatch([trackDelivery(tenantId, profileId, event)]);
    expect(await runsOf(test.database, flowId)).toHaveLength(1);
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    expect(await runsOf(test.database, flowId)).toHaveLength(2);
  });

  it('wakes a run waiting for an event when it arrives, and exits live runs on the goal event', async () => {
    const { executor, consumer } = setup();
    const event = `Signed ${randomUUID()}`;
    const graph = {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('await', 'logic.waitForEvent', {
          event: 'Order Completed',
          properties: [{ name: 'currency', value: 'EUR' }],
          timeout: { amount: 1, unit: 'days' },
        }),
        testNode('thanks', 'action.sendEmail', { to: 'a@example.com', subject: 'Thanks', text: 'x' }),
      ],
      edges: [testEdge('trigger', 'await'), testEdge('await', 'thanks', 'received')],
    };
    const flowId = await publishTestFlow(test.database, tenantId, graph, { goal: { event: 'Churned' } });
    const buyer = randomUUID();
    const churner = randomUUID();
    await consumer.handleBatch([
      trackDelivery(tenantId, buyer, event),
      trackDelivery(tenantId, churner, event),
    ]);
    await drain(executor);
    expect((await runsOf(test.database, flowId)).map((run) => run.status)).toEqual(['waiting', 'waiting']);

    await consumer.handleBatch([
      trackDelivery(tenantId, buyer, 'Order Completed', { currency: 'USD' }),
      trackDelivery(tenantId, churner, 'Churned'),
    ]);
    await drain(executor);
    const byProfile = async (profileId: string) =>
      (await runsOf(test.database, flowId)).find((run) => run.profile_id === profileId)!;
    const buying = await byProfile(buyer);
    const churned = await byProfile(churner);
    expect(buying!.status).toBe('waiting'); // USD does not match the filter
    expect(churned!.status).toBe('exited');
    expect((await stepsOf(test.database, churned!.id)).at(-1)).toMatchObject({
      node_id: 'await',
      status: 'skipped',
    });

    await consumer.handleBatch([trackDelivery(tenantId, buyer, 'Order Completed', { currency: 'EUR' })]);
    await drain(executor);
    const bought = await byProfile(buyer);
    expect(bought!.status).toBe('completed');
    const steps = await stepsOf(test.database, bought!.id);
    expect(steps.map((step) => [step.node_id, step.handle])).toEqual([
      ['trigger', 'next'],
      ['await', 'received'],
      ['thanks', 'next'],
    ]);
  });

  it('finishes runs in flight on the version they started on, while new runs take the new one', async () => {
    const { clock, email, executor, consumer } = setup();
    const event = `Versioned ${randomUUID()}`;
    const graphWith = (subject: string) => ({
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('wait', 'logic.waitDuration', { amount: 1, unit: 'hours' }),
        testNode('mail', 'action.sendEmail', { to: 'v@example.com', subject, text: 'x' }),
      ],
      edges: [testEdge('trigger', 'wait'), testEdge('wait', 'mail')],
    });
    const flowId = await publishTestFlow(test.database, tenantId, graphWith('from v1'));
    const early = randomUUID();
    await consumer.handleBatch([trackDelivery(tenantId, early, event)]);
    await drain(executor);

    const flows = new FlowsRepository();
    await test.database.tenantTx(tenantId, async (tx) => {
      const updated = await flows.update(tx, flowId, { graph: graphWith('from v2') });
      expect(await flows.publish(tx, updated!, null)).toBe(2);
    });
    const late = randomUUID();
    await consumer.handleBatch([trackDelivery(tenantId, late, event)]);
    await drain(executor);
    clock.advance(2 * 3_600_000);
    await drain(executor);

    const runs = await runsOf(test.database, flowId);
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed']);
    const versions = await test.database.systemTx((tx) =>
      tx.query<{ profile_id: string; version: number }>(
        'SELECT profile_id, version FROM flow_runs WHERE flow_id = $1',
        [flowId],
      ),
    );
    expect(Object.fromEntries(versions.rows.map((row) => [row.profile_id, row.version]))).toEqual({
      [early]: 1,
      [late]: 2,
    });
    expect(email.sent.map((mail) => mail.subject).sort()).toEqual(['from v1', 'from v2']);
  });

  it('lets several executors share the queue without running a step twice', async () => {
    const { clock, email, consumer } = setup();
    const event = `Crowd ${randomUUID()}`;
    const flowId = await publishTestFlow(test.database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('mail', 'action.sendEmail', { to: 'crowd@example.com', subject: 'Hi', text: 'x' }),
      ],
      edges: [testEdge('trigger', 'mail')],
    });
    await consumer.handleBatch(
      Array.from({ length: 40 }, () => trackDelivery(tenantId, randomUUID(), event)),
    );
    const executors = [1, 2, 3].map(() => testExecutor(test.database, clock, email, { batchSize: 5 }));
    await Promise.all(executors.map((executor) => drain(executor, 50)));
    const runs = await runsOf(test.database, flowId);
    expect(runs.filter((run) => run.status === 'completed')).toHaveLength(40);
    expect(email.attempts).toHaveLength(40);
  });
});
