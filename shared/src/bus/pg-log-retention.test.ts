import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DeliveredMessage, Subscription } from '../ports/index.ts';
import { eventually, testDatabaseEngines, type TestDatabase } from '../testing/index.ts';
import { PgLogEventBus } from './pg-log-event-bus.ts';
import { PgLogRetention } from './pg-log-retention.ts';

const DAY_MS = 24 * 60 * 60_000;
const RETENTION_MS = 7 * DAY_MS;

describe.each(testDatabaseEngines())('event log retention on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let bus: PgLogEventBus;
  let retention: PgLogRetention;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    // One partition: offsets are then the publish order, which keeps the expectations readable.
    bus = new PgLogEventBus(database, {
      partitions: 1,
      pollIntervalMs: 25,
      leaseMs: 3_000,
      logError: () => {},
    });
    retention = new PgLogRetention(database, { retentionMs: RETENTION_MS, batchSize: 3 });
  });
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
  });
  afterAll(async () => {
    await bus?.close();
    await test?.dispose();
  });

  const publish = (topic: string, from: number, count: number) =>
    bus.publish(
      topic,
      Array.from({ length: count }, (_, index) => ({ key: 'customer-1', value: { n: from + index } })),
    );

  /** A group that records what it handled and refuses messages from `refuseFrom` on until released. */
  const subscribeGroup = async (topic: string, group: string, refuseFrom = Infinity) => {
    const state = { handled: [] as number[], refuseFrom };
    const subscription = await bus.subscribe({
      topic,
      group,
      maxBatchSize: 1,
      handler: async (batch: DeliveredMessage[]) => {
        for (const message of batch) {
          if (message.offset >= state.refuseFrom) throw new Error('not yet');
        }
        state.handled.push(...batch.map((message) => message.offset));
      },
    });
    subscriptions.push(subscription);
    return { state, subscription };
  };

  const committed = async (topic: string, group: string) =>
    database.systemTx(async (tx) => {
      const { rows } = await tx.query<{ committed: number }>(
        'SELECT committed FROM bus_consumer_offsets WHERE topic = $1 AND group_id = $2',
        [topic, group],
      );
      return rows[0]?.committed;
    });

  const storedOffsets = async (topic: string) =>
    database.systemTx(async (tx) => {
      const { rows } = await tx.query<{ offset: number }>(
        'SELECT "offset" FROM bus_events WHERE topic = $1 ORDER BY "offset"',
        [topic],
      );
      return rows.map((row) => row.offset);
    });

  const age = (topic: string, days: number, belowOffset = Infinity) =>
    database.systemTx((tx) =>
      tx.query(`UPDATE bus_events SET created_at = now() - $2::interval WHERE topic = $1 AND "offset" < $3`, [
        topic,
        `${days} days`,
        Number.isFinite(belowOffset) ? belowOffset : Number.MAX_SAFE_INTEGER,
      ]),
    );

  // PGlite has no autovacuum: without an explicit VACUUM the data directory would keep growing.
  if (engine.name === 'pglite') {
    it('vacuums the log after a pass that deleted events, so their space is reused', async () => {
      const topic = `retention-vacuum-${randomUUID()}`;
      await publish(topic, 0, 3);
      await age(topic, 8);
      expect(await retention.pruneOnce()).toBe(3);
      const { rows } = await database.systemTx((tx) =>
        tx.query<{ dead: number; vacuumed: boolean }>(
          `SELECT n_dead_tup AS dead, last_vacuum IS NOT NULL AS vacuumed
           FROM pg_stat_user_tables WHERE relname = 'bus_events'`,
        ),
      );
      expect(rows[0]).toEqual({ dead: 0, vacuumed: true });
    });
  }

  it('removes old events every group handled and keeps recent ones and those a group still needs', async () => {
    const topic = `retention-keep-${randomUUID()}`;
    const fast = await subscribeGroup(topic, 'fast');
    const slow = await subscribeGroup(topic, 'slow', 4);
    await publish(topic, 0, 12);
    await eventually(async () => {
      expect(await committed(topic, 'fast')).toBe(11);
      expect(await committed(topic, 'slow')).toBe(3);
    }, 30_000);

    // Offsets 0-7 are past the retention; 8-11 are recent.
    await age(topic, 8, 8);
    expect(await retention.pruneOnce()).toBe(4);
    expect(await storedOffsets(topic)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);

    // Once the slow group catches up, its old events go too; recent ones stay whoever handled them.
    slow.state.refuseFrom = Infinity;
    await eventually(async () => expect(await committed(topic, 'slow')).toBe(11), 30_000);
    expect(slow.state.handled).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await retention.pruneOnce()).toBe(4);
    expect(await storedOffsets(topic)).toEqual([8, 9, 10, 11]);
    expect(fast.state.handled).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('lets consumers read on after pruning: offsets continue and a new group starts at the oldest kept', async () => {
    const topic = `retention-continue-${randomUUID()}`;
    const first = await subscribeGroup(topic, 'first');
    await publish(topic, 0, 5);
    await eventually(async () => expect(await committed(topic, 'first')).toBe(4), 30_000);
    await age(topic, 8);
    expect(await retention.pruneOnce()).toBe(5);
    expect(await storedOffsets(topic)).toEqual([]);

    await publish(topic, 5, 3);
    await eventually(() => expect(first.state.handled).toEqual([0, 1, 2, 3, 4, 5, 6, 7]), 30_000);
    expect(await storedOffsets(topic)).toEqual([5, 6, 7]);

    const late = await subscribeGroup(topic, 'late');
    await eventually(() => expect(late.state.handled).toEqual([5, 6, 7]), 30_000);
  });

  it('stops holding events for a group unseen for longer than the retention', async () => {
    const topic = `retention-stale-${randomUUID()}`;
    const active = await subscribeGroup(topic, 'active');
    const gone = await subscribeGroup(topic, 'gone', 2);
    await publish(topic, 0, 6);
    await eventually(async () => {
      expect(await committed(topic, 'active')).toBe(5);
      expect(await committed(topic, 'gone')).toBe(1);
    }, 30_000);
    await age(topic, 8);

    // Stopped a moment ago, the group still counts: its unhandled events are kept.
    await gone.subscription.stop();
    expect(await retention.pruneOnce()).toBe(2);
    expect(await storedOffsets(topic)).toEqual([2, 3, 4, 5]);

    // Unseen for longer than the retention, it no longer does.
    await database.systemTx((tx) =>
      tx.query(
        `UPDATE bus_consumer_offsets SET seen_at = now() - interval '8 days' WHERE topic = $1 AND group_id = 'gone'`,
        [topic],
      ),
    );
    expect(await retention.pruneOnce()).toBe(4);
    expect(await storedOffsets(topic)).toEqual([]);

    // Back again, it reads on from what is published next.
    await publish(topic, 6, 2);
    const back = await subscribeGroup(topic, 'gone');
    await eventually(() => expect(back.state.handled).toEqual([6, 7]), 30_000);
    await eventually(() => expect(active.state.handled).toEqual([0, 1, 2, 3, 4, 5, 6, 7]), 30_000);
  });

  it('keeps counting a running group as seen: its members renew it with their leases', async () => {
    const topic = `retention-renew-${randomUUID()}`;
    await subscribeGroup(topic, 'steady', 0);
    await publish(topic, 0, 3);
    await age(topic, 8);
    await database.systemTx((tx) =>
      tx.query(`UPDATE bus_consumer_offsets SET seen_at = now() - interval '8 days' WHERE topic = $1`, [
        topic,
      ]),
    );
    const lastSeen = async () =>
      database.systemTx(async (tx) => {
        const { rows } = await tx.query<{ recent: boolean }>(
          `SELECT seen_at > now() - interval '1 minute' AS recent FROM bus_consumer_offsets WHERE topic = $1`,
          [topic],
        );
        return rows.map((row) => row.recent);
      });
    await eventually(async () => expect(await lastSeen()).toEqual([true]), 30_000);
    expect(await retention.pruneOnce()).toBe(0);
    expect(await storedOffsets(topic)).toEqual([0, 1, 2]);
  });

  it('prunes a topic no group reads by age alone', async () => {
    const topic = `retention-unread-${randomUUID()}`;
    await publish(topic, 0, 7);
    await age(topic, 8, 5);
    expect(await retention.pruneOnce()).toBe(5);
    expect(await storedOffsets(topic)).toEqual([5, 6]);
  });

  it('removes only the head of a partition: an old event behind a recent one waits for it', async () => {
    const topic = `retention-head-${randomUUID()}`;
    await publish(topic, 0, 5);
    await age(topic, 8, 2);
    await database.systemTx((tx) =>
      tx.query(
        `UPDATE bus_events SET created_at = now() - interval '8 days' WHERE topic = $1 AND "offset" = 3`,
        [topic],
      ),
    );
    expect(await retention.pruneOnce()).toBe(2);
    expect(await storedOffsets(topic)).toEqual([2, 3, 4]);
  });

  it('runs as a periodic job until stopped', async () => {
    const topic = `retention-job-${randomUUID()}`;
    await publish(topic, 0, 4);
    await age(topic, 8);
    const job = new PgLogRetention(database, { retentionMs: RETENTION_MS, intervalMs: 20 });
    job.start();
    try {
      await eventually(async () => expect(await storedOffsets(topic)).toEqual([]), 30_000);
      await publish(topic, 4, 2);
      await age(topic, 8);
      await eventually(async () => expect(await storedOffsets(topic)).toEqual([]), 30_000);
    } finally {
      await job.stop();
    }
    await publish(topic, 6, 1);
    await age(topic, 8);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await storedOffsets(topic)).toEqual([6]);
  });
});
