import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Subscription } from '../ports/index.ts';
import { eventually, testDatabaseEngines, type TestDatabase } from '../testing/index.ts';
import { PgLogEventBus } from './pg-log-event-bus.ts';

describe.each(testDatabaseEngines())('Postgres-log consumer group members on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let bus: PgLogEventBus;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    // A long lease: members heartbeat (and so rebalance on their own) only every 20 s.
    bus = new PgLogEventBus(database, {
      partitions: 8,
      pollIntervalMs: 25,
      leaseMs: 60_000,
      logError: () => {},
    });
  });
  afterAll(async () => {
    await bus?.close();
    await test?.dispose();
  });

  const owners = async (group: string) => {
    const { rows } = await database.systemTx((tx) =>
      tx.query<{ owner: string | null; partitions: number }>(
        `SELECT owner, count(*)::int AS partitions FROM bus_consumer_offsets
         WHERE group_id = $1 AND topic = 'members' GROUP BY owner ORDER BY owner`,
        [group],
      ),
    );
    return rows.map((row) => row.partitions).sort();
  };

  const join = (group: string) => bus.subscribe({ topic: 'members', group, handler: async () => {} });

  it('shares the partitions with members of this process as they join, not at the next heartbeat', async () => {
    const members: Subscription[] = [await join('joining')];
    expect(await owners('joining')).toEqual([8]);
    members.push(await join('joining'), await join('joining'), await join('joining'));
    // No partition is left without an owner while it changes hands.
    await eventually(async () => expect(await owners('joining')).toEqual([2, 2, 2, 2]), 3_000);
    await Promise.all(members.map((member) => member.stop()));
  });

  it('hands the partitions of a member that leaves to the others at once', async () => {
    const members = [await join('leaving'), await join('leaving')];
    await eventually(async () => expect(await owners('leaving')).toEqual([4, 4]), 3_000);
    await members[0]!.stop();
    await eventually(async () => expect(await owners('leaving')).toEqual([8]), 3_000);
    await members[1]!.stop();
  });
});
