import type { Database, Tx } from '@orchestrator/shared/ports';

interface Queued {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for many small, independent system transactions (the executor's step writes of
 * different runs): works queued while a transaction is open run together in the next one, so N runs
 * cost one commit instead of N. Each work stays atomic (it is inside one transaction either way). If
 * the shared transaction fails, nothing of it was committed and every work of the group runs again in
 * a transaction of its own, so one failing work never takes others down.
 */
export class TransactionBatcher {
  private queue: Queued[] = [];
  private flushers = 0;
  private scheduled = false;

  constructor(
    private readonly database: Database,
    /** Groups committing at once (PGlite runs one transaction at a time anyway). */
    private readonly parallel = database.engine === 'pglite' ? 1 : 4,
    private readonly maxGroup = 100,
  ) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // Works queued in the same turn of the event loop share the first transaction (see StatementBatcher).
      if (this.flushers < this.parallel && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.flush();
        });
      }
    });
  }

  private async flush(): Promise<void> {
    this.flushers += 1;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        if (group.length === 1) {
          await this.alone(group[0]!);
          continue;
        }
        let results: unknown[] | undefined;
        try {
          results = await this.database.systemTx(async (tx) => {
            const values: unknown[] = [];
            for (const queued of group) values.push(await queued.work(tx));
            return values;
          });
        } catch {
          // Someone's work failed and the group rolled back: run each on its own.
          await Promise.all(group.map((queued) => this.alone(queued)));
          continue;
        }
        group.forEach((queued, index) => queued.resolve(results![index]));
      }
    } finally {
      this.flushers -= 1;
    }
  }

  private async alone(queued: Queued): Promise<void> {
    try {
      queued.resolve(await this.database.systemTx(queued.work));
    } catch (error) {
      queued.reject(error);
    }
  }
}
