import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '@orchestrator/shared/ports';
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
import { TriggerConsumer } from './trigger-consumer.ts';

/**
 * The database the executor sees, calling `hook` once when a transaction of kind `kind` ran a
 * statement matching `after`: right after that statement while the transaction is still open
 * (`at: 'statement'`), or once the transaction ended (`at: 'end'`). The hook runs in the caller's async
 * context, outside that transaction (its own transactions are others).
 */
function hookedDatabase(
  database: Database,
  options: {
    kind: 'tenant' | 'system';
    at: 'statement' | 'end';
    after: (text: string, seen: readonly string[]) => boolean;
    hook: () => Promise<void>;
  },
): Database {
  const { kind, at, after, hook } = options;
  let fired = false;
  const outside = AsyncLocalStorage.snapshot();
  const fire = async () => {
    fired = true;
    await outside(hook);
  };
  const hooked = async <T>(
    open: (work: (tx: Tx) => Promise<T>) => Promise<T>,
    work: (tx: Tx) => Promise<T>,
  ) => {
    let matched = false;
    const result = await open((tx) => {
      const seen: string[] = [];
      const query = async (text: string, params?: unknown[]) => {
        const rows = await tx.query(text, params as never);
        seen.push(text);
        if (!fired && after(text, seen)) {
          matched = true;
          if (at === 'statement') await fire();
        }
        return rows;
      };
      return work(
        new Proxy(tx, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) }),
      );
    });
    if (matched && at === 'end' && !fired) await fire();
    return result;
  };
  return new Proxy(database, {
    get(target, key) {
      if (key === 'systemTx' && kind === 'system')
        return <T>(work: (tx: Tx) => Promise<T>) => hooked((inner) => target.systemTx(inner), work);
      if (key === 'tenantTx' && kind === 'tenant')
        return <T>(tenantId: string, work: (tx: Tx) => Promise<T>) =>
          hooked((inner) => target.tenantTx(tenantId, inner), work);
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const readsEvents = (text: string) => text.includes('FROM cdp_events');

describe.each(testDatabaseEngines())(
  'a wait for an event that arrives while the wait parks, on $name',
  (engine) => {
    let test: TestDatabase;
    let tenantId: string;
    beforeAll(async () => {
      test = await engine.create();
      tenantId = await createTenant(test.database);
    });
    afterAll(async () => {
      await test?.dispose();
    });

    /** A flow started by `trigger` that waits a day for "Order Completed" and mails on receipt. */
    async function waitingFlow(clock: ManualClock) {
      const trigger = `Signed ${randomUUID()}`;
      const flowId = await publishTestFlow(test.database, tenantId, {
        nodes: [
          testNode('trigger', 'trigger.event', { event: trigger }),
          testNode('await', 'logic.waitForEvent', {
            event: 'Order Completed',
            timeout: { amount: 1, unit: 'days' },
          }),
          testNode('thanks', 'action.sendEmail', { to: 'a@example.com', subject: 'Thanks', text: 'x' }),
        ],
        edges: [testEdge('trigger', 'await'), testEdge('await', 'thanks', 'received')],
      });
      const profileId = randomUUID();
      await test.database.systemTx((tx) =>
        tx.query('INSERT INTO cdp_profiles (id, tenant_id) VALUES ($1, $2)', [profileId, tenantId]),
      );
      const consumer = new TriggerConsumer({ database: test.database, clock, logger: quiet });
      await consumer.handleBatch([trackDelivery(tenantId, profileId, trigger)]);
      /** The CDP processing "Order Completed": its event row committed, then its bus message consumed. */
      const orderCompleted = async () => {
        const messageId = randomUUID();
        await test.database.systemTx((tx) =>
          tx.query(
            `INSERT INTO cdp_events (tenant_id, source_id, message_id, type, event, profile_id, properties, "timestamp", received_at)
           VALUES ($1, 'web', $2, 'track', 'Order Completed', $3, '{}', $4, $4)`,
            [tenantId, messageId, profileId, clock.now().toISOString()],
          ),
        );
        await consumer.handleBatch([trackDelivery(tenantId, profileId, 'Order Completed', {}, messageId)]);
      };
      return { flowId, orderCompleted };
    }

    async function expectReceived(flowId: string) {
      const [run] = await runsOf(test.database, flowId);
      expect(run).toMatchObject({ status: 'completed' });
      const steps = await stepsOf(test.database, run!.id);
      expect(steps.map((step) => [step.node_id, step.handle])).toEqual([
        ['trigger', 'next'],
        ['await', 'received'],
        ['thanks', 'next'],
      ]);
    }

    it('receives an event processed after the node looked for it and before the wait was parked', async () => {
      const clock = new ManualClock();
      const { flowId, orderCompleted } = await waitingFlow(clock);
      // The node's own look (a tenant transaction of its own) finds nothing; then the event comes.
      const database = hookedDatabase(test.database, {
        kind: 'tenant',
        at: 'end',
        after: readsEvents,
        hook: orderCompleted,
      });
      const executor = testExecutor(database, clock, new RecordingEmailSender());
      await drain(executor);
      await drain(executor);
      await expectReceived(flowId);
    });

    if (engine.name === 'postgres') {
      it('receives an event processed after the parking transaction looked again, before it committed', async () => {
        const clock = new ManualClock();
        const { flowId, orderCompleted } = await waitingFlow(clock);
        // The parking transaction registered the wait and looked again (nothing yet); before it commits,
        // the CDP commits the event and the trigger consumer handles its message (on other connections).
        let consumed: Promise<void> | undefined;
        const database = hookedDatabase(test.database, {
          kind: 'system',
          at: 'statement',
          after: (text, seen) =>
            readsEvents(text) && seen.some((earlier) => earlier.includes('INSERT INTO flow_event_waits')),
          hook: async () => {
            consumed = orderCompleted();
            await settledOrBlocked(consumed);
          },
        });
        const executor = testExecutor(database, clock, new RecordingEmailSender());
        await drain(executor);
        await consumed;
        await drain(executor);
        await expectReceived(flowId);
      });
    }

    /** Waits until `work` settled, or until a session of this database waits for a lock (it is blocked). */
    async function settledOrBlocked(work: Promise<void>): Promise<void> {
      let settled = false;
      void work.then(
        () => (settled = true),
        () => (settled = true),
      );
      for (;;) {
        if (settled) return;
        const { rows } = await test.database.systemTx((tx) =>
          tx.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          ),
        );
        if (rows[0]!.n > 0) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  },
);
