/** A partition's next offset to read, as Kafka's OffsetCommit takes it. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Joins the offset commits of the partitions a consumer handled together into one OffsetCommit
 * request. kafkajs runs each partition's batch in its own `eachBatch`; the BatchCoalescer hands them
 * to the handler in one call and they finish together — committed one by one, they cost a request
 * (and a wake-up of the broker) per partition, which on a busy machine is a good part of what
 * consuming costs. Each caller still waits for a commit that holds its offset, so "commit after the
 * handler succeeded" is unchanged; a failed request fails every caller it held.
 */
export class OffsetCommitBatcher {
  private pending = new Map<string, PartitionOffset>();
  private scheduled: Promise<void> | undefined;

  constructor(private readonly send: (offsets: PartitionOffset[]) => Promise<void>) {}

  commit(offset: PartitionOffset): Promise<void> {
    // A later offset of the same partition replaces the earlier one: it covers it.
    this.pending.set(`${offset.topic}\u0000${offset.partition}`, offset);
    // Commits asked for in this event-loop turn (the partitions a handler call finished) go together.
    this.scheduled ??= new Promise<void>((next) => setImmediate(next)).then(() => {
      const offsets = [...this.pending.values()];
      this.pending = new Map();
      this.scheduled = undefined;
      return this.send(offsets);
    });
    return this.scheduled;
  }
}
