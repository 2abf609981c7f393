import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from './executor-test-support.ts';
import { FlowScheduler, syncFlowSchedule } from './flow-scheduler.ts';
import { graphOf } from './flows-repository.ts';

describe.each(testDatabaseEngines())('scheduled flows on $name', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await engine.create();
  });
  afterAll(() => test?.dispose());

  it('fires once per due time in its time zone, never twice, and not while paused', async () => {
    const { database } = test;
    const tenantId = await createTenant(database);
    // Monday 2026-03-02 08:30 UTC = 09:30 in Paris; the schedule is 10:00 Paris time on weekdays.
    const clock = new ManualClock(new Date('2026-03-02T08:30:00.000Z'));
    const graph = {
      nodes: [
        testNode('trigger', 'trigger.schedule', { cron: '0 10 * * 1-5', timeZone: 'Europe/Paris' }),
        testNode('mail', 'action.sendEmail', {
          to: 'team@example.com',
          subject: 'Daily {{event.properties.scheduledAt}}',
          text: 'x',
        }),
      ],
      edges: [testEdge('trigger', 'mail')],
    };
    const flowId = await publishTestFlow(database, tenantId, graph);
    const flow = { tenantId, id: flowId, status: 'active', activeVersion: 1 };
    await database.tenantTx(tenantId, (tx) => syncFlowSchedule(tx, flow, graphOf(graph), clock.now()));
    const scheduler = new FlowScheduler({ database, clock, logger: quiet });
    const email = new RecordingEmailSender();
    const executor = testExecutor(database, clock, email);

    expect(await scheduler.runOnce()).toBe(0);
    clock.advance(30 * 60_000); // 09:00 UTC = 10:00 Paris
    expect(await scheduler.runOnce()).toBe(1);
    expect(await scheduler.runOnce()).toBe(0);
    await drain(executor);
    const runs = await runsOf(database, flowId);
    expect(runs.map((run) => run.status)).toEqual(['completed']);
    expect(email.sent.map((mail) => mail.subject)).toEqual(['Daily 2026-03-02T09:00:00.000Z']);

    // Paused: the schedule is dropped; nothing fires the next day.
    await database.tenantTx(tenantId, (tx) =>
      syncFlowSchedule(tx, { ...flow, status: 'paused' }, graphOf(graph), clock.now()),
    );
    clock.advance(24 * 3_600_000);
    expect(await scheduler.runOnce()).toBe(0);
    expect(await runsOf(database, flowId)).toHaveLength(1);
  });
});
