/**
 * Lets polling loops sleep until their interval passes or someone says there is new work.
 *
 * A notification is never lost: a loop takes a `mark()` before it looks for work, and `wait(ms, mark)`
 * returns at once if a notification came after that mark — even while the loop was busy looking and
 * nobody was waiting yet. (Without it, work committed during a poll waits a whole interval.) Several
 * loops may share one signal: each compares with its own mark.
 */
export class WakeupSignal {
  private generation = 0;
  private waiters = new Set<() => void>();

  /** The point from which a notification ends the next `wait` early. */
  mark(): number {
    return this.generation;
  }

  notify(): void {
    this.generation += 1;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Sleeps up to `timeoutMs`, or not at all if notified since `since` (default: now). */
  wait(timeoutMs: number, since: number = this.generation): Promise<void> {
    if (since !== this.generation) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
