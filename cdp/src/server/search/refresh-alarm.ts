/**
 * When the embedding job runner looks at its queue next: a deadline that announced requests
 * (`expectAt`) can only bring forward. A request made now is due `delayMs` later, so it moves a later
 * deadline to that moment, and never wakes the runner before its job can be claimed. A request
 * announced while nobody sleeps is kept for the next sleep (it may come after the runner looked).
 */
export class RefreshAlarm {
  /** The earliest moment an announced request is due, since the alarm last rang. */
  private expected = Infinity;
  private deadline = Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ring: (() => void) | undefined;

  /** A job will be due at `at` (epoch ms): ring then at the latest. */
  expectAt(at: number): void {
    this.expected = Math.min(this.expected, at);
    if (this.ring && at < this.deadline) this.arm(at);
  }

  /** Resolves at `deadline` (epoch ms) or when an announced request is due, if earlier, or on `cancel`. */
  sleepUntil(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      this.ring = () => {
        clearTimeout(this.timer);
        this.ring = undefined;
        this.deadline = Infinity;
        this.expected = Infinity;
        resolve();
      };
      this.arm(Math.min(deadline, this.expected));
    });
  }

  /** Ends the current sleep now (stopping). */
  cancel(): void {
    this.ring?.();
  }

  private arm(deadline: number): void {
    this.deadline = deadline;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.ring?.(), Math.max(0, deadline - Date.now()));
  }
}
