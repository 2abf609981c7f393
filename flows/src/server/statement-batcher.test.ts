import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '@orchestrator/shared/ports';
import { embeddedTestDatabase, type TestDatabase } from '@orchestrator/shared/testing';
import { StatementBatcher } from './statement-batcher.ts';

describe('one multi-row statement per group of requests', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await embeddedTestDatabase.create();
    await test.database.systemTx((tx) => tx.exec('CREATE TABLE numbered (n int PRIMARY KEY)'));
  });
  afterAll(() => test?.dispose());

  const rows = async () =>
    (
      await test.database.systemTx((tx) => tx.query<{ n: number }>('SELECT n FROM numbered ORDER BY n'))
    ).rows.map((row) => row.n);

  const groups: number[][] = [];
  const insertAll = async (tx: Queryable, numbers: readonly number[]) => {
    groups.push([...numbers]);
    const { rows: inserted } = await tx.query<{ n: number }>(
      'INSERT INTO numbered (n) SELECT unnest($1::int[]) RETURNING n',
      [numbers],
    );
    // A result per request, in the requests' order.
    return numbers.map((n) => inserted.some((row) => row.n === n) && n * 10);
  };

  it('runs requests queued together as one statement and gives each its own result', async () => {
    const batcher = new StatementBatcher(test.database, insertAll);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.run(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(await rows()).toEqual([1, 2, 3, 4, 5]);
    // Queued in the same turn of the event loop: one group.
    expect(groups).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('tries each request of a failed group again alone: only the failing one fails', async () => {
    groups.length = 0;
    const batcher = new StatementBatcher(test.database, insertAll);
    // 3 is already there: the group's statement fails on its primary key, and so does 3 alone.
    const outcomes = await Promise.allSettled([10, 11, 3, 12].map((n) => batcher.run(n)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(groups).toEqual([[10, 11, 3, 12], [10], [11], [3], [12]]);
    expect(await rows()).toEqual([1, 2, 3, 4, 5, 10, 11, 12]);
  });
});
