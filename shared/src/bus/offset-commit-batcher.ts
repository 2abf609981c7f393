/** A partition's next offset to read, as Kafka's OffsetCommit takes it. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

export interface OffsetCommitBatcherOptions {
  /** How long a handled offset may wait before it is sent (what Kafka's auto.commit.interval.ms is). */
  intervalMs: number;
  /** A failed request: its offsets are dropped (a later commit covers them, or they are redelivered). */
  onError: (error: unknown, offsets: readonly PartitionOffset[]) => void;
}

/**
 * Commits a consumer's handled offsets lazily: at most one OffsetCommit request per `intervalMs`,
 * holding the latest offset of every partition handled meanwhile. Committing after every batch cost a
 * request (and a wake-up of the broker) per fetch — as many as the fetches themselves at low rates —
 * and made the next fetch wait for it. Only offsets whose handler succeeded are ever given here, so
 * "commit after success" holds; a crash before the request redelivers at most an interval of
 * messages, which handlers dedupe (the bus is at-least-once). `flush` sends what is pending at once:
 * a consumer calls it once its last batch is handled, before it leaves the group.
 */
export class OffsetCommitBatcher {
  private pending = new Map<string, PartitionOffset>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Requests go one after another, so an older offset never overtakes a newer one. */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (offsets: PartitionOffset[]) => Promise<void>,
    private readonly options: OffsetCommitBatcherOptions,
  ) {}

  /** Records a partition's next offset once the messages before it are handled. */
  commit(offset: PartitionOffset): void {
    // A later offset of the same partition replaces the earlier one: it covers it.
    this.pending.set(`${offset.topic}\u0000${offset.partition}`, offset);
    this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
  }

  /** Sends what is pending now; resolves once every request asked for so far is answered. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size > 0) {
      const offsets = [...this.pending.values()];
      this.pending = new Map();
      this.sending = this.sending.then(() =>
        this.send(offsets).catch((error: unknown) => this.options.onError(error, offsets)),
      );
    }
    return this.sending;
  }
}
