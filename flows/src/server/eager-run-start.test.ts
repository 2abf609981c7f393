import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import {
  ManualClock,
  RecordingEmailSender,
  createTenant,
  publishTestFlow,
  quiet,
  runsOf,
  stepsOf,
  testEdge,
  testExecutor,
  testNode,
  trackDelivery,
} from './executor-test-support.ts';
import { TriggerConsumer, type EagerRuns } from './trigger-consumer.ts';

/**
 * Runs the trigger consumer starts already claimed for the executor of its process (EagerRuns): taken
 * at once without a claim, and never lost when that executor is gone.
 */
describe.each(testDatabaseEngines())('runs started claimed for this process on $name', (engine) => {
  let test: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    test = await engine.create();
    tenantId = await createTenant(test.database);
  });
  afterAll(() => test?.dispose());

  /** trigger(event) → send an e-mail. */
  const mailingFlow = (event: string) =>
    publishTestFlow(test.database, tenantId, {
      nodes: [
        testNode('trigger', 'trigger.event', { event }),
        testNode('mail', 'action.sendEmail', { to: 'ada@example.com', subject: 'Welcome', text: 'hi' }),
      ],
      edges: [testEdge('trigger', 'mail')],
    });
  const statusesOf = async (flowId: string) => (await runsOf(test.database, flowId)).map((run) => run.status);
  const claimOf = async (flowId: string) =>
    (
      await test.database.systemTx((tx) =>
        tx.query<{ claim_token: string | null; next_at: Date | null }>(
          'SELECT claim_token, next_at FROM flow_runs WHERE flow_id = $1',
          [flowId],
        ),
      )
    ).rows[0]!;
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let tries = 0; tries < 250 && !(await check()); tries += 1) {
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  it('are advanced at once by the executor, which never claims them', async () => {
    const clock = new ManualClock();
    const email = new RecordingEmailSender();
    // Its loop claims once on start (nothing is due) and then sleeps for an hour: only adopt() can run it.
    const executor = testExecutor(test.database, clock, email, { pollIntervalMs: 3_600_000 });
    executor.start();
    try {
      const consumer = new TriggerConsumer({
        database: test.database,
        clock,
        logger: quiet,
        eager: executor,
      });
      const event = `Signed up ${randomUUID()}`;
      const flowId = await mailingFlow(event);
      await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
      await eventually(async () => (await statusesOf(flowId))[0] === 'completed');
      expect(await statusesOf(flowId)).toEqual(['completed']);
      const [run] = await runsOf(test.database, flowId);
      expect((await stepsOf(test.database, run!.id)).map((step) => [step.node_id, step.status])).toEqual([
        ['trigger', 'succeeded'],
        ['mail', 'succeeded'],
      ]);
      expect(email.sent.filter((sent) => sent.subject === 'Welcome')).toHaveLength(1);
    } finally {
      await executor.stop();
    }
  });

  it('wait for their lease when the process died before its executor took them, then run once', async () => {
    const clock = new ManualClock();
    const email = new RecordingEmailSender();
    const dying: EagerRuns = {
      reserve: (wanted) => wanted,
      leaseMs: 60_000,
      adopt: () => {},
      cancel: () => {},
    };
    const consumer = new TriggerConsumer({ database: test.database, clock, logger: quiet, eager: dying });
    const event = `Ordered ${randomUUID()}`;
    const flowId = await mailingFlow(event);
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    expect((await claimOf(flowId)).claim_token).not.toBeNull();

    const other = testExecutor(test.database, clock, email);
    expect(await other.runOnce()).toBe(0); // its lease holds
    clock.advance(60_001);
    expect(await other.runOnce()).toBe(1);
    expect(await statusesOf(flowId)).toEqual(['completed']);
    expect(email.sent.filter((sent) => sent.subject === 'Welcome')).toHaveLength(1);
  });

  it('handed to a stopped executor are let go at once, for any worker', async () => {
    const clock = new ManualClock();
    const email = new RecordingEmailSender();
    const stopped = testExecutor(test.database, clock, email);
    stopped.start();
    await stopped.stop();
    // Room was granted before it stopped (the consumer's transaction was under way).
    const late: EagerRuns = {
      reserve: (wanted) => wanted,
      leaseMs: 60_000,
      adopt: (runs, reserved) => stopped.adopt(runs, reserved),
      cancel: () => {},
    };
    const consumer = new TriggerConsumer({ database: test.database, clock, logger: quiet, eager: late });
    const event = `Returned ${randomUUID()}`;
    const flowId = await mailingFlow(event);
    await consumer.handleBatch([trackDelivery(tenantId, randomUUID(), event)]);
    await eventually(async () => (await claimOf(flowId)).claim_token === null);
    expect(await claimOf(flowId)).toEqual({ claim_token: null, next_at: clock.now() });

    const other = testExecutor(test.database, clock, email);
    expect(await other.runOnce()).toBe(1);
    expect(await statusesOf(flowId)).toEqual(['completed']);
  });
});
