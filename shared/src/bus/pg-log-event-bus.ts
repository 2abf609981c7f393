import { randomUUID } from 'node:crypto';
import type { Database, EventBus, OutgoingMessage, SubscribeOptions, Subscription } from '../ports/index.ts';
import { partitionForKey } from './partition-for-key.ts';
import { PgLogConsumer } from './pg-log-consumer.ts';
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
    const byPartition = new Map<number, OutgoingMessage[]>();
    for (const message of messages) {
      const partition = partitionForKey(message.key, this.partitions);
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), message]);
    }
    // Lock partitions in one order so concurrent publishers cannot deadlock.
    const ordered = [...byPartition.entries()].sort(([a], [b]) => a - b);
    await this.database.systemTx(async (tx) => {
      for (const [partition, batch] of ordered) {
        const { rows } = await tx.query<{ next_offset: number }>(
          `INSERT INTO bus_partitions (topic, partition, next_offset) VALUES ($1, $2, $3)
           ON CONFLICT (topic, partition) DO UPDATE SET next_offset = bus_partitions.next_offset + EXCLUDED.next_offset
           RETURNING next_offset`,
          [topic, partition, batch.length],
        );
        const firstOffset = rows[0]!.next_offset - batch.length;
        await tx.query(
          `INSERT INTO bus_events (topic, partition, "offset", key, value, headers)
           SELECT $1, $2, $3::bigint + m.ord - 1, m.e->>'key', coalesce(m.e->'value', 'null'::jsonb),
                  coalesce(m.e->'headers', '{}'::jsonb)
           FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS m(e, ord)`,
          [topic, partition, firstOffset, JSON.stringify(batch)],
        );
      }
      tx.afterCommit(() => this.wakeup(topic).notify());
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = new PgLogConsumer(this.database, {
      ...options,
      partitions: this.partitions,
      memberId: `${options.group}:${randomUUID()}`,
      pollIntervalMs: this.options.pollIntervalMs ?? 250,
      leaseMs: this.options.leaseMs ?? 15_000,
      maxBatchSize: options.maxBatchSize ?? 500,
      wakeup: this.wakeup(options.topic),
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
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.stop();
      },
    };
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
