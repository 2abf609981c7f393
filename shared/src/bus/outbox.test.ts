import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DeliveredMessage } from '../ports/index.ts';
import { eventually, testDatabaseEngines, type TestDatabase } from '../testing/index.ts';
import { Outbox, TENANT_ID_HEADER } from './outbox.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { PgLogEventBus } from './pg-log-event-bus.ts';

describe.each(testDatabaseEngines())('transactional outbox on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let bus: PgLogEventBus;
  let relay: OutboxRelay;
  let outbox: Outbox;
  const tenantId = randomUUID();
  const received: DeliveredMessage[] = [];

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    bus = new PgLogEventBus(database, { partitions: 2, pollIntervalMs: 50 });
    relay = new OutboxRelay(database, bus, { pollIntervalMs: 50 });
    outbox = new Outbox(relay.kick);
    await database.systemTx((tx) =>
      tx.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, 'T', $2)`, [
        tenantId,
        `t-${tenantId.slice(0, 8)}`,
      ]),
    );
    await bus.subscribe({
      topic: 'orders',
      group: 'test',
      handler: async (batch) => void received.push(...batch),
    });
    relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await test?.dispose();
  });

  it('publishes what a committed transaction enqueued, in order, with its tenant', async () => {
    await database.tenantTx(tenantId, async (tx) => {
      await outbox.enqueue(tx, tenantId, [
        { topic: 'orders', key: 'customer-1', value: { n: 1 } },
        { topic: 'orders', key: 'customer-1', value: { n: 2 }, headers: { 'message-id': 'abc' } },
      ]);
    });
    await eventually(() => expect(received.map((message) => message.value)).toEqual([{ n: 1 }, { n: 2 }]));
    expect(received[1]!.headers).toEqual({ 'message-id': 'abc', [TENANT_ID_HEADER]: tenantId });
    // Deleted once published (by the relay's next round).
    await eventually(async () => {
      const left = await database.systemTx((tx) => tx.query('SELECT count(*)::int AS n FROM outbox'));
      expect(left.rows).toEqual([{ n: 0 }]);
    });
  });

  it('publishes nothing when the business transaction rolls back', async () => {
    const before = received.length;
    await expect(
      database.tenantTx(tenantId, async (tx) => {
        await outbox.enqueue(tx, tenantId, [{ topic: 'orders', key: 'customer-2', value: { n: 3 } }]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await database.tenantTx(tenantId, (tx) =>
      outbox.enqueue(tx, tenantId, [{ topic: 'orders', key: 'customer-2', value: { n: 4 } }]),
    );
    await eventually(() => expect(received.length).toBe(before + 1));
    expect(received.at(-1)!.value).toEqual({ n: 4 });
  });

  it('refuses to enqueue for another tenant (RLS on the outbox)', async () => {
    const other = randomUUID();
    await expect(
      database.tenantTx(tenantId, (tx) =>
        outbox.enqueue(tx, other, [{ topic: 'orders', key: 'k', value: {} }]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('deletes what it published in its next round, or when it stops', async () => {
    await relay.stop(); // the running relay steps aside: this test drives one round by hand
    const handRelay = new OutboxRelay(database, bus, { leaseMs: 15_000 });
    const outboxRows = async () =>
      (await database.systemTx((tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')))
        .rows[0]!.n;
    const before = received.length;
    await database.tenantTx(tenantId, (tx) =>
      outbox.enqueue(tx, tenantId, [{ topic: 'orders', key: 'customer-3', value: { n: 5 } }]),
    );
    // The stopped relay's lease would hold for its whole term: end it.
    await database.systemQuery("DELETE FROM leases WHERE name = 'outbox-relay'");
    expect(await handRelay.relayOnce()).toBe(1);
    await eventually(() => expect(received.length).toBe(before + 1));
    expect(await outboxRows()).toBe(1); // published, deleted by the next round
    await handRelay.stop();
    expect(await outboxRows()).toBe(0);
    await database.systemQuery("DELETE FROM leases WHERE name = 'outbox-relay'");
    relay.start();
  });
});
