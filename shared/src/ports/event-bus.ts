/** One message to publish. `key` decides the partition: messages with one key are delivered in order. */
export interface OutgoingMessage {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

export interface DeliveredMessage {
  topic: string;
  partition: number;
  offset: number;
  /**
   * Its place among the messages one bus record carries (the Kafka bus packs a publish call's
   * messages for a partition into one record; they share its offset). 0 or absent for a record alone.
   */
  index?: number;
  key: string;
  value: unknown;
  headers: Record<string, string>;
}

export interface SubscribeOptions {
  topic: string;
  /** Consumers sharing a group split the partitions; each group receives every message. */
  group: string;
  /**
   * Called with messages of one or more partitions, each partition's in offset order (so one key's
   * messages arrive in order). Offsets are committed only after it resolves; if it throws, the same
   * messages are delivered again (at-least-once), so handlers must be idempotent. One call at a time
   * per subscription, unless it has several members: then calls may run side by side, on different
   * partitions.
   */
  handler: (batch: DeliveredMessage[]) => Promise<void>;
  maxBatchSize?: number;
  /**
   * Group members this subscription runs in this process (default 1). They split the partitions as
   * members in separate processes do, but their batches are joined into the same handler calls: one
   * call at a time while traffic is light, up to one per member when messages queue up.
   */
  members?: number;
}

export interface Subscription {
  /** Stops fetching, waits for the batch in flight, leaves the group. */
  stop(): Promise<void>;
}

/** The event bus port: a partitioned, replayable log (Postgres table locally, Apache Kafka in staging). */
export interface EventBus {
  /** Resolves once every message is durably stored by the bus. */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
