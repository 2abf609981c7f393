import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Remembers whether the current async call chain is inside a transaction, so a nested
 * `tenantTx`/`systemTx` fails at once with a clear message instead of deadlocking (PGlite has one
 * connection) or silently running outside the caller's transaction (pg pool).
 */
const insideTransaction = new AsyncLocalStorage<true>();

export function runInTransactionScope<T>(work: () => Promise<T>): Promise<T> {
  if (insideTransaction.getStore()) {
    throw new Error('Nested transaction: pass the open `tx` down instead of starting another one');
  }
  return insideTransaction.run(true, work);
}

/** Lets post-commit callbacks (which may open transactions themselves) run outside the finished scope. */
export function runOutsideTransactionScope(callback: () => void): void {
  insideTransaction.exit(callback);
}
