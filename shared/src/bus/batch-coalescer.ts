import type { DeliveredMessage } from '../ports/index.ts';

interface Delivery {
  batch: DeliveredMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Joins the batches of several partitions that arrive together (kafkajs hands each partition of a fetch
 * to its own `eachBatch`) into one call of the handler — one transaction of the handler's instead of one
 * per partition, which is what keeps latency flat when traffic is spread thin over the partitions. One
 * call runs at a time; batches arriving meanwhile go together into the next. Each delivery settles with
 * the call that held it; if a joint call fails, each of its batches is handled again alone, so a
 * failing message holds back (and is redelivered for) its own partition only.
 */
export class BatchCoalescer {
  private queue: Delivery[] = [];
  private flushing = false;

  constructor(
    private readonly handler: (batch: DeliveredMessage[]) => Promise<void>,
    /** Messages per joint call (whole batches only; a bigger batch goes alone). */
    private readonly maxMessages: number,
  ) {}

  deliver(batch: DeliveredMessage[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the other partitions of the same fetch arrive before the first call.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.handle(this.takeGroup());
    } finally {
      this.flushing = false;
    }
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
