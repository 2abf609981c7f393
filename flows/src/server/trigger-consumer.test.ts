import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDP_PROFILE_EVENTS_TOPIC, profileBusMessage } from '@orchestrator/cdp/contracts';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { DeliveredMessage } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import {
  ManualClock,
  RecordingEmailSender,
  createTenant,
  drain,
  publishTestFlow,
  quiet,
  runsOf,
  testEdge,
  testExecutor,
  testNode,
  trackDelivery,
} from './executor-test-support.ts';
import { TriggerConsumer } from './trigger-consumer.ts';

/** `Profile Deleted` as the CDP's outbox relays it. */
function erasureDelivery(tenantId: string, profileId: string, mergedIds: string[] = []): DeliveredMessage {
  const message = profileBusMessage(tenantId, {
    type: 'Profile Deleted',
    profileId,
    erasedIds: [profileId, ...mergedIds],
    timestamp: new Date().toISOString(),
  });
  return {
    topic: CDP_PROFILE_EVENTS_TOPIC,
    partition: 0,
    offset: 0,
    key: message.key,
    value: message.value,
    headers: { ...message.headers, [TENANT_ID_HEADER]: tenantId },
  };
}

describe.each(testDatabaseEngines())('flow triggers on profile events on $name', (engine) => {
  let test: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    test = await engine.create();
    tenantId = await createTenant(test.database);
  });
  afterAll(() => test?.dispose());

  const setup = () => {
    const clock = new ManualClock();
    const executor = testExecutor(test.database, clock, new RecordingEmailSender());
    const consumer = new TriggerConsumer({ database: test.database, clock, logger: quiet });
    return { executor, consumer };
  };
  /** trigger(event) → wait 2 days, with `goal` as the flow's goal. */
  const waitingFlow = (event: string, goal = 'Churned') =>
    publishTestFlow(
      test.database,
      tenantId,
      {
        nodes: [
          testNode('trigger', 'trigger.event', { event }),
          testNode('wait', 'logic.waitDuration', { amount: 2, unit: 'days' }),
        ],
        edges: [testEdge('trigger', 'wait')],
      },
      { goal: { event: goal } },
    );
  const dataOf = async (flowId: string) =>
    (
      await test.database.systemTx((tx) =>
        tx.query<{ trigger: unknown; steps: unknown }>(
          `SELECT r."trigger", (SELECT json_agg(json_build_object('status', s.status, 'input', s.input,
                    'output', s.output) ORDER BY s.seq) FROM flow_steps s WHERE s.run_id = r.id) AS steps
           FROM flow_runs r WHERE r.flow_id = $1 ORDER BY r.started_at, r.id`,
          [flowId],
        ),
      )
    ).rows;

  it('counts the entries of the runs a batch started, once, whatever is redelivered', async () => {
    const { consumer } = setup();
    const event = `Visited ${randomUUID()}`;
    const flowId = await waitingFlow(event);
    const twice = randomUUID();
    const once = randomUUID();
    const batch = [
      trackDelivery(tenantId, twice, event),
      trackDelivery(tenantId, once, event),
      trackDelivery(tenantId, twice, event),
      trackDelivery(tenantId, once, 'Something else'),
    ];
    await consumer.handleBatch(batch);
    // Redelivered, and part of it again in a batch of its own: no run, no entry counted twice.
    await consumer.handleBatch(batch);
    await consumer.handleBatch(batch.slice(0, 1));
    const entries = await test.database.systemTx((tx) =>
      tx.query<{ profile_id: string; entries: number }>(
        'SELECT profile_id, entries FROM flow_entries WHERE flow_id = $1 ORDER BY entries DESC',
        [flowId],
      ),
    );
    expect(entries.rows).toEqual([
      { profile_id: twice, entries: 2 },
      { profile_id: once, entries: 1 },
    ]);
    expect(await runsOf(test.database, flowId)).toHaveLength(3);
  });

  it('exits a run on a goal event later in the batch that started it, not on one before it', async () => {
    const { executor, consumer } = setup();
    const event = `Joined ${randomUUID()}`;
    const flowId = await waitingFlow(event);
    const quitter = randomUUID();
    const stayer = randomUUID();
    await consumer.handleBatch([
      trackDelivery(tenantId, quitter, event),
      trackDelivery(tenantId, stayer, 'Churned'),
      trackDelivery(tenantId, stayer, event),
      trackDelivery(tenantId, quitter, 'Churned'),
    ]);
    await drain(executor);
    const runs = await runsOf(test.database, flowId);
    expect(runs.map((run) => [run.profile_id, run.status]).sort()).toEqual(
      [
        [quitter, 'exited'],
        [stayer, 'waiting'],
      ].sort(),
    );
  });

  it('cancels and scrubs the runs of an erased profile, live or finished, and forgets its entries', async () => {
    const { executor, consumer } = setup();
    const event = `Signed ${randomUUID()}`;
    const flowId = await waitingFlow(event);
    const erased = randomUUID();
    const merged = randomUUID();
    const kept = randomUUID();
    const personal = { email: 'erin@example.com' };
    await consumer.handleBatch([
      trackDelivery(tenantId, erased, event, personal),
      trackDelivery(tenantId, kept, event, personal),
      trackDelivery(tenantId, merged, event, personal),
      trackDelivery(tenantId, merged, 'Churned'),
    ]);
    await drain(executor);
    expect((await runsOf(test.database, flowId)).map((run) => run.status).sort()).toEqual([
      'exited',
      'waiting',
      'waiting',
    ]);

    // A run started in the same batch as the erasure goes too.
    await consumer.handleBatch([
      trackDelivery(tenantId, erased, event, { ...personal, again: true }),
      erasureDelivery(tenantId, erased, [merged]),
    ]);
    await drain(executor);
    const runs = await runsOf(test.database, flowId);
    const keptRun = runs.find((run) => run.profile_id === kept)!;
    expect(keptRun.status).toBe('waiting');
    const erasedRuns = runs.filter((run) => run.id !== keptRun.id);
    expect(erasedRuns.map((run) => [run.status, run.error, run.profile_id]).sort()).toEqual([
      ['cancelled', 'profile erased', null],
      ['cancelled', 'profile erased', null],
      ['exited', null, null],
    ]);
    const data = await dataOf(flowId);
    const scrubbed = data.filter((row) => JSON.stringify(row).includes('"erased":true'));
    expect(scrubbed).toHaveLength(3);
    for (const row of scrubbed) {
      expect(row.trigger).toMatchObject({
        event,
        profileId: null,
        properties: { erased: true },
        context: {},
      });
      expect(JSON.stringify(row)).not.toContain('erin@example.com');
    }
    expect(JSON.stringify(data)).toContain('erin@example.com'); // the other profile's run keeps its data
    const leftovers = await test.database.systemTx((tx) =>
      tx.query(
        `SELECT profile_id FROM flow_entries WHERE profile_id = ANY($1::uuid[])
         UNION ALL SELECT profile_id FROM flow_event_waits WHERE profile_id = ANY($1::uuid[])`,
        [[erased, merged]],
      ),
    );
    expect(leftovers.rows).toEqual([]);

    // Delivered again, it changes nothing; the executor never writes to the cancelled runs.
    const before = await dataOf(flowId);
    await consumer.handleBatch([erasureDelivery(tenantId, erased, [merged])]);
    await drain(executor);
    expect(await dataOf(flowId)).toEqual(before);
  });
});
