import type { DeliveredMessage } from '../ports/index.ts';

interface Delivery {
  batch: DeliveredMessage[];
  queuedAt: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatchCoalescerOptions {
  /** Messages per joint call (whole batches only; a bigger batch goes alone). */
  maxMessages: number;
  /**
   * Calls in flight at most (default 1). A second one starts only once `parallelFrom` messages wait:
   * while traffic is light everything goes into the next call, one transaction instead of several.
   */
  concurrency?: number;
  /** Waiting messages that justify a call beside the one in flight (default: a quarter of maxMessages). */
  parallelFrom?: number;
  /**
   * How long a batch may wait for the call in flight before a call beside it starts anyway (default:
   * no limit). Joining is worth a short wait, not a whole slow transaction: when calls take longer
   * than batches take to arrive, waiting for the one in flight queues every batch behind the last.
   */
  parallelAfterMs?: number;
  /**
   * How long a batch arriving while no call runs waits for others (default 0: until the event loop
   * has read what arrived with it).
   */
  lingerMs?: number;
}

/**
 * Joins the batches of several partitions that arrive together (kafkajs hands each partition of a fetch
 * to its own `eachBatch`; group members of one process each fetch their own partitions) into one call
 * of the handler — one transaction of the handler's instead of one per partition, which is what keeps
 * latency flat when traffic is spread thin over the partitions. Batches arriving while a call runs go
 * together into the next; under load, up to `concurrency` calls run side by side. A partition never has
 * two batches here at once (its consumer waits for its delivery), so calls side by side hold different
 * partitions and each partition's order is kept. Each delivery settles with the call that held it; if a
 * joint call fails, each of its batches is handled again alone, so a failing message holds back (and is
 * redelivered for) its own partition only.
 */
export class BatchCoalescer {
  private queue: Delivery[] = [];
  private queuedMessages = 0;
  private inFlight = 0;
  private scheduled = false;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly maxMessages: number;
  private readonly concurrency: number;
  private readonly parallelFrom: number;
  private readonly lingerMs: number;
  private readonly parallelAfterMs: number;

  constructor(
    private readonly handler: (batch: DeliveredMessage[]) => Promise<void>,
    options: BatchCoalescerOptions,
  ) {
    this.maxMessages = options.maxMessages;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.parallelFrom = Math.max(1, options.parallelFrom ?? Math.ceil(options.maxMessages / 4));
    this.lingerMs = options.lingerMs ?? 0;
    this.parallelAfterMs = options.parallelAfterMs ?? Number.POSITIVE_INFINITY;
  }

  deliver(batch: DeliveredMessage[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, queuedAt: performance.now(), resolve, reject });
      this.queuedMessages += batch.length;
      if (!this.scheduled) {
        this.scheduled = true;
        // Let the other partitions of the same fetch arrive before the next call starts.
        const start = () => {
          this.scheduled = false;
          this.pump();
        };
        if (this.lingerMs > 0 && this.inFlight === 0) setTimeout(start, this.lingerMs);
        else setImmediate(start);
      }
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && (this.inFlight === 0 || this.mayStartBeside())) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.handle(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
    this.watchWaiting();
  }

  private mayStartBeside(): boolean {
    if (this.inFlight >= this.concurrency) return false;
    if (this.queuedMessages >= this.parallelFrom) return true;
    return performance.now() - this.queue[0]!.queuedAt >= this.parallelAfterMs;
  }

  /** Comes back when the oldest waiting batch has waited `parallelAfterMs`, if a call could start then. */
  private watchWaiting(): void {
    if (this.waitTimer || this.queue.length === 0 || this.inFlight >= this.concurrency) return;
    if (!Number.isFinite(this.parallelAfterMs)) return;
    const due = this.queue[0]!.queuedAt + this.parallelAfterMs - performance.now();
    this.waitTimer = setTimeout(
      () => {
        this.waitTimer = undefined;
        this.pump();
      },
      Math.max(0, due),
    );
  }

  private takeGroup(): Delivery[] {
    let messages = 0;
    let count = 0;
    while (count < this.queue.length) {
      const size = this.queue[count]!.batch.length;
      if (count > 0 && messages + size > this.maxMessages) break;
      messages += size;
      count += 1;
    }
    this.queuedMessages -= messages;
    return this.queue.splice(0, count);
  }

  private async handle(group: readonly Delivery[]): Promise<void> {
    if (group.length > 1) {
      try {
        await this.handler(group.flatMap((delivery) => delivery.batch));
        for (const delivery of group) delivery.resolve();
        return;
      } catch {
        // Fall through: each alone, below.
      }
    }
    for (const delivery of group) {
      try {
        await this.handler(delivery.batch);
        delivery.resolve();
      } catch (error) {
        delivery.reject(error);
      }
    }
  }
}
