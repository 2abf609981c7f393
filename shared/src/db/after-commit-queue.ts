import { runOutsideTransactionScope } from './transaction-guard.ts';

/** Collects `afterCommit` callbacks of one transaction and runs them once it has committed. */
export class AfterCommitQueue {
  private readonly callbacks: Array<() => void> = [];

  add(callback: () => void): void {
    this.callbacks.push(callback);
  }

  flush(onError: (error: unknown) => void): void {
    for (const callback of this.callbacks.splice(0)) {
      runOutsideTransactionScope(() => {
        try {
          callback();
        } catch (error) {
          onError(error);
        }
      });
    }
  }
}
