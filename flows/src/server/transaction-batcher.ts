import type { Database, Tx } from '@orchestrator/shared/ports';
import { StatementBatcher } from './statement-batcher.ts';

type Work = (tx: Tx) => Promise<unknown>;

/**
 * Group commit for many small, independent system transactions (the executor's step writes of
 * different runs): works queued while a transaction is open run together in the next one, so N runs
 * cost one commit instead of N. Each work stays atomic (it is inside one transaction either way). If
 * the shared transaction fails, nothing of it was committed and every work of the group runs again in
 * a transaction of its own, so one failing work never takes others down — StatementBatcher's grouping,
 * with the works run one after another as the group's "statement".
 */
export class TransactionBatcher {
  private readonly works: StatementBatcher<Work, unknown>;

  constructor(
    database: Database,
    /** Groups committing at once (PGlite runs one transaction at a time anyway). */
    parallel = database.engine === 'pglite' ? 1 : 4,
    maxGroup = 100,
  ) {
    // The group's "statement" is a transaction of its own, with the works run one after another in it.
    this.works = new StatementBatcher(
      database,
      (_, works) => database.systemTx((tx) => runInOrder(tx, works)),
      parallel,
      maxGroup,
    );
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.works.run(work) as Promise<T>;
  }
}

async function runInOrder(tx: Tx, works: readonly Work[]): Promise<unknown[]> {
  const values: unknown[] = [];
  for (const work of works) values.push(await work(tx));
  return values;
}
