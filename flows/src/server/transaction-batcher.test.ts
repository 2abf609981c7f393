import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedTestDatabase, type TestDatabase } from '@orchestrator/shared/testing';
import { TransactionBatcher } from './transaction-batcher.ts';

describe('group commit of independent transactions', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await embeddedTestDatabase.create();
    await test.database.systemTx((tx) => tx.exec('CREATE TABLE batched (n int PRIMARY KEY)'));
  });
  afterAll(() => test?.dispose());

  const rows = async () =>
    (
      await test.database.systemTx((tx) => tx.query<{ n: number }>('SELECT n FROM batched ORDER BY n'))
    ).rows.map((row) => row.n);

  it('commits works queued together in one transaction, each with its own result', async () => {
    const batcher = new TransactionBatcher(test.database);
    const xids = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        batcher.run(async (tx) => {
          await tx.query('INSERT INTO batched (n) VALUES ($1)', [n]);
          return (await tx.query<{ xid: string }>('SELECT txid_current()::text AS xid')).rows[0]!.xid;
        }),
      ),
    );
    expect(await rows()).toEqual([1, 2, 3, 4, 5]);
    // Queued in the same turn of the event loop: all five shared one transaction.
    expect(new Set(xids).size).toBe(1);
  });

  it('runs every work of a failed group again on its own: only the failing one fails', async () => {
    const batcher = new TransactionBatcher(test.database);
    const outcomes = await Promise.allSettled(
      [10, 11, 12, 13].map((n) =>
        batcher.run(async (tx) => {
          await tx.query('INSERT INTO batched (n) VALUES ($1)', [n]);
          if (n === 12) throw new Error('no twelve');
          return n;
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await rows()).toEqual([1, 2, 3, 4, 5, 10, 11, 13]);
  });
});
