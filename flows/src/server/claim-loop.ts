import type { Logger } from '@orchestrator/shared/logging';
import { WakeupSignal } from '@orchestrator/shared/bus';

export interface ClaimLoopOptions {
  /** Claims up to `limit` pieces of work and returns one task per piece (tasks never reject). */
  claim(limit: number): Promise<Array<() => Promise<void>>>;
  logger: Pick<Logger, 'error'>;
  /** Tasks in flight at once. */
  concurrency: number;
  batchSize: number;
  /** Sleep between empty claims (a kick ends it early). */
  pollIntervalMs: number;
}

/**
 * A worker loop that keeps up to `concurrency` tasks in flight, claiming more as tasks finish, so one
 * slow task (a webhook timing out) never holds up the claiming of others.
 */
export class ClaimLoop {
  private readonly signal = new WakeupSignal();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Room promised to tasks claimed elsewhere that are not handed over yet (see reserve). */
  private reserved = 0;
  /**
   * Work may be due that the loop has not claimed (the last claim came back full, or a kick came), so
   * a finishing task should wake it. Otherwise nothing is due that a kick would not announce: waking
   * on every finished task only claimed nothing, one round trip each (~50 a second at 200 runs/s).
   */
  private wantsRoom = true;

  constructor(private readonly options: ClaimLoopOptions) {}

  /** Wakes the loop now (after a commit that made work due). */
  readonly kick = (): void => {
    this.wantsRoom = true;
    this.signal.notify();
  };

  get isRunning(): boolean {
    return this.running;
  }

  /** How many more tasks it would take now (0 once stopping). */
  room(): number {
    if (!this.running) return 0;
    return Math.max(0, this.options.concurrency - this.inFlight.size - this.reserved);
  }

  /**
   * Promises room to up to `wanted` tasks claimed elsewhere (runs started already claimed for this
   * worker), until they are adopted or the promise is let go: claims and other reservations meanwhile
   * count it as taken. Returns how many it promised.
   */
  reserve(wanted: number): number {
    const granted = Math.min(Math.max(0, wanted), this.room());
    this.reserved += granted;
    return granted;
  }

  /** Lets go room promised by reserve() that will not be used. */
  unreserve(count: number): void {
    this.reserved = Math.max(0, this.reserved - count);
  }

  /**
   * Runs tasks whose work was claimed elsewhere beside the claimed ones, in room promised by
   * reserve() (`reserved`, used or not): they count against the concurrency, and stop() waits for them.
   */
  adopt(tasks: ReadonlyArray<() => Promise<void>>, reserved = 0): void {
    this.unreserve(reserved);
    for (const task of tasks) this.track(task);
  }

  private track(task: () => Promise<void>): void {
    const running = task().finally(() => {
      this.inFlight.delete(running);
      if (this.wantsRoom) this.signal.notify();
    });
    this.inFlight.add(running);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the tasks in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { concurrency, batchSize, pollIntervalMs } = this.options;
    const inFlight = this.inFlight;
    while (this.running) {
      const mark = this.signal.mark();
      const room = concurrency - inFlight.size - this.reserved;
      let claimed = 0;
      if (room >= Math.min(10, concurrency)) {
        try {
          const limit = Math.min(room, batchSize);
          const batch = await this.options.claim(limit);
          claimed = batch.length;
          // A kick during the claim may have made more due: keep it.
          this.wantsRoom = claimed === limit || this.signal.mark() !== mark;
          for (const task of batch) this.track(task);
        } catch (error) {
          this.options.logger.error({ err: error }, 'flow executor round failed');
        }
      }
      if (!this.running) break;
      if (claimed === 0 || inFlight.size >= concurrency) {
        await this.signal.wait(inFlight.size > 0 ? 50 : pollIntervalMs, mark);
      }
    }
    // Tasks adopted while the last ones finished are waited for too.
    while (inFlight.size > 0) await Promise.all(inFlight);
  }
}
