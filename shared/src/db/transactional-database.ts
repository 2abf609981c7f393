import type { Database, QueryResult, Tx } from '../ports/index.ts';
import { AfterCommitQueue } from './after-commit-queue.ts';
import { enterTenantSql } from './app-role.ts';
import { runInTransactionScope } from './transaction-guard.ts';

/**
 * What both database adapters share: tenant transactions enter the RLS-walled app role, nesting is
 * refused, and after-commit callbacks run once the driver-specific transaction has committed.
 */
export abstract class TransactionalDatabase implements Database {
  abstract readonly engine: Database['engine'];

  async tenantTx<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(work, enterTenantSql(tenantId));
  }

  systemTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  systemQuery<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<R>> {
    return runInTransactionScope(() => this.runStatement<R>(sql, params));
  }

  abstract ping(): Promise<void>;
  abstract vacuum(table: string): Promise<void>;
  abstract close(): Promise<void>;

  /**
   * One driver transaction: BEGIN and the `opening` statement (entering a tenant), `work`, COMMIT
   * (ROLLBACK when it throws).
   */
  protected abstract runTransaction<T>(
    work: (tx: Tx) => Promise<T>,
    afterCommit: AfterCommitQueue,
    opening?: string,
  ): Promise<T>;

  /** One statement outside any explicit transaction (the server commits it on its own). */
  protected abstract runStatement<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;

  private async transaction<T>(work: (tx: Tx) => Promise<T>, opening?: string): Promise<T> {
    const afterCommit = new AfterCommitQueue();
    const result = await runInTransactionScope(() => this.runTransaction(work, afterCommit, opening));
    afterCommit.flush((error) => console.error('afterCommit callback failed', error));
    return result;
  }
}
