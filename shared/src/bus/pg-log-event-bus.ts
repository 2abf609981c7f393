import { randomUUID } from 'node:crypto';
import type { Database, EventBus, OutgoingMessage, SubscribeOptions, Subscription } from '../ports/index.ts';
import { BatchCoalescer } from './batch-coalescer.ts';
import { partitionForKey } from './partition-for-key.ts';
import { PgLogConsumer } from './pg-log-consumer.ts';
import { startSubscriptionMembers } from './subscription-members.ts';
import { WakeupSignal } from './wakeup-signal.ts';

export interface PgLogEventBusOptions {
  /** Partitions per topic: the most consumers of one group that can work in parallel. */
  partitions?: number;
  /** How often idle consumers look for messages published by other processes. */
  pollIntervalMs?: number;
  /** How long a consumer keeps its partitions without renewing; a crashed member is replaced after it. */
  leaseMs?: number;
  logError?: (message: string, error: unknown) => void;
}

/**
 * The EventBus on a Postgres table (PGlite or a server): Kafka's model — partitions, offsets, consumer
 * groups — in SQL. Offsets are taken from a locked per-partition counter, so a reader never sees a later
 * offset commit before an earlier one and skips it.
 */
export class PgLogEventBus implements EventBus {
  private readonly partitions: number;
  private readonly wakeups = new Map<string, WakeupSignal>();
  private readonly consumers = new Set<PgLogConsumer>();

  constructor(
    private readonly database: Database,
    private readonly options: PgLogEventBusOptions = {},
  ) {
    this.partitions = options.partitions ?? 8;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const counts = new Map<number, number>();
    const rows = messages.map((message) => {
      const partition = partitionForKey(message.key, this.partitions);
      const rank = counts.get(partition) ?? 0;
      counts.set(partition, rank + 1);
      return { partition, rank, key: message.key, value: message.value, headers: message.headers };
    });
    const partitions = [...counts.keys()].sort((a, b) => a - b);
    // One statement: each partition's counter moves past its messages (locked in partition order, so
    // concurrent publishers cannot deadlock, and held until commit, so readers never see a later offset
    // before an earlier one), and the messages take the offsets it moved past, in publish order.
    await this.database.systemQuery(
      `WITH counts AS (SELECT * FROM unnest($2::int[], $3::int[]) AS c(partition, n)),
         bumped AS (
           INSERT INTO bus_partitions (topic, partition, next_offset)
           SELECT $1, partition, n FROM counts ORDER BY partition
           ON CONFLICT (topic, partition) DO UPDATE SET next_offset = bus_partitions.next_offset + EXCLUDED.next_offset
           RETURNING partition, next_offset
         )
         INSERT INTO bus_events (topic, partition, "offset", key, value, headers)
         SELECT $1, b.partition, b.next_offset - c.n + (m.e->>'rank')::bigint, m.e->>'key',
                coalesce(m.e->'value', 'null'::jsonb), coalesce(m.e->'headers', '{}'::jsonb)
         FROM jsonb_array_elements($4::jsonb) AS m(e)
         JOIN bumped b ON b.partition = (m.e->>'partition')::int
         JOIN counts c ON c.partition = b.partition`,
      [topic, partitions, partitions.map((partition) => counts.get(partition)!), JSON.stringify(rows)],
    );
    this.wakeup(topic).notify();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const maxBatchSize = options.maxBatchSize ?? 500;
    const members = Math.max(1, options.members ?? 1);
    const coalescer = new BatchCoalescer(options.handler, {
      maxMessages: maxBatchSize * this.partitions,
      concurrency: members,
      parallelFrom: maxBatchSize / 4,
      // A poll hands all its partitions over at once; only members polling apart need to wait for each other.
      lingerMs: members > 1 ? 2 : 0,
    });
    return startSubscriptionMembers(
      members,
      () => this.startConsumer(options, maxBatchSize, coalescer),
      (consumer) => {
        this.consumers.delete(consumer);
        return consumer.stop();
      },
    );
  }

  private async startConsumer(
    options: SubscribeOptions,
    maxBatchSize: number,
    coalescer: BatchCoalescer,
  ): Promise<PgLogConsumer> {
    const consumer = new PgLogConsumer(this.database, {
      ...options,
      partitions: this.partitions,
      memberId: `${options.group}:${randomUUID()}`,
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      leaseMs: this.options.leaseMs ?? 15_000,
      maxBatchSize,
      wakeup: this.wakeup(options.topic),
      coalescer,
      logError: this.options.logError ?? ((message, error) => console.error(message, error)),
      onGroupChanged: () => {
        for (const other of this.consumers) {
          if (other !== consumer && other.group === options.group && other.topic === options.topic)
            other.requestRebalance();
        }
      },
    });
    // In the set before it starts: its joining makes the others rebalance, which may hand it partitions.
    this.consumers.add(consumer);
    try {
      await consumer.start();
    } catch (error) {
      this.consumers.delete(consumer);
      throw error;
    }
    return consumer;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
  }

  private wakeup(topic: string): WakeupSignal {
    let signal = this.wakeups.get(topic);
    if (!signal) {
      signal = new WakeupSignal();
      this.wakeups.set(topic, signal);
    }
    return signal;
  }
}
