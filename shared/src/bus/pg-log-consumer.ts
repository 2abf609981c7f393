import type { Database, DeliveredMessage, SubscribeOptions } from '../ports/index.ts';
import type { BatchCoalescer } from './batch-coalescer.ts';
import type { WakeupSignal } from './wakeup-signal.ts';

export interface PgLogConsumerOptions extends SubscribeOptions {
  partitions: number;
  memberId: string;
  pollIntervalMs: number;
  leaseMs: number;
  maxBatchSize: number;
  wakeup: WakeupSignal;
  /** Joins the batches of this member's partitions, and of the subscription's other members, into handler calls. */
  coalescer: BatchCoalescer;
  logError: (message: string, error: unknown) => void;
  /**
   * This member joined or gave partitions back: the group's other members in this process should
   * rebalance now, so partitions change hands at once instead of at their next heartbeat (up to a
   * third of the lease later, while the partitions' messages wait).
   */
  onGroupChanged?: () => void;
}

interface EventRow {
  partition: number;
  offset: number;
  key: string;
  value: unknown;
  headers: Record<string, string>;
}

const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 10_000;

/**
 * One member of a consumer group on the Postgres log. It leases its fair share of the topic's
 * partitions (renewed while alive, taken over by others when it dies), fetches messages past the
 * group's committed offset, and commits a partition's offset only after the handler succeeded.
 */
export class PgLogConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  private lastRebalance = 0;
  /**
   * Set by requestRebalance, cleared as a rebalance starts: a request arriving while one runs (and may
   * have read the group before the change) brings another, instead of being lost when it ends.
   */
  private rebalanceRequested = false;
  /** Partition → earliest time to retry after a handler failure, with its attempt count. */
  private readonly backoff = new Map<number, { until: number; attempts: number }>();
  constructor(
    private readonly database: Database,
    private readonly options: PgLogConsumerOptions,
  ) {}

  get group(): string {
    return this.options.group;
  }

  get topic(): string {
    return this.options.topic;
  }

  async start(): Promise<void> {
    const { group, topic, partitions } = this.options;
    await this.database.systemTx(async (tx) => {
      await tx.query(
        `INSERT INTO bus_consumer_offsets (group_id, topic, partition)
         SELECT $1, $2, p FROM generate_series(0, $3::int - 1) AS p
         ON CONFLICT DO NOTHING`,
        [group, topic, partitions],
      );
    });
    await this.rebalance();
    this.running = true;
    this.loop = this.run();
    this.options.onGroupChanged?.();
  }

  /** Rebalance at the next turn of the loop (another member of the group joined or released partitions). */
  requestRebalance(): void {
    this.rebalanceRequested = true;
    this.options.wakeup.notify();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.options.wakeup.notify();
    await this.loop;
    const { group, topic, memberId } = this.options;
    // Hand the partitions back at once instead of making the group wait for the lease to expire.
    await this.database.systemTx(async (tx) => {
      await tx.query(
        `UPDATE bus_consumer_offsets SET owner = NULL, lease_until = NULL
         WHERE group_id = $1 AND topic = $2 AND owner = $3`,
        [group, topic, memberId],
      );
      await tx.query(
        'DELETE FROM bus_consumer_members WHERE group_id = $1 AND topic = $2 AND member_id = $3',
        [group, topic, memberId],
      );
    });
    this.options.onGroupChanged?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const mark = this.options.wakeup.mark();
      try {
        if (this.rebalanceRequested || Date.now() - this.lastRebalance > this.options.leaseMs / 3) {
          this.rebalanceRequested = false;
          await this.rebalance();
        }
        const handled = await this.pollOnce();
        if (!handled && this.running) await this.options.wakeup.wait(this.options.pollIntervalMs, mark);
      } catch (error) {
        this.options.logError(`event bus consumer ${this.options.group} failed; retrying`, error);
        if (this.running) await this.options.wakeup.wait(this.options.pollIntervalMs * 4);
      }
    }
  }

  /**
   * Heartbeat, then release partitions above the fair share and claim free or expired ones up to it.
   * Renewing or claiming a partition marks the group as seen on it, which keeps retention off its backlog.
   */
  private async rebalance(): Promise<void> {
    const { group, topic, memberId, partitions, leaseMs } = this.options;
    const lease = `${leaseMs} milliseconds`;
    const released = await this.database.systemTx(async (tx) => {
      await tx.query(
        `INSERT INTO bus_consumer_members (group_id, topic, member_id, seen_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (group_id, topic, member_id) DO UPDATE SET seen_at = now()`,
        [group, topic, memberId],
      );
      await tx.query(
        `DELETE FROM bus_consumer_members WHERE group_id = $1 AND topic = $2 AND seen_at < now() - $3::interval`,
        [group, topic, lease],
      );
      const { rows } = await tx.query<{ members: number }>(
        'SELECT count(*)::int AS members FROM bus_consumer_members WHERE group_id = $1 AND topic = $2',
        [group, topic],
      );
      const share = Math.ceil(partitions / Math.max(1, rows[0]!.members));
      const release = await tx.query(
        `UPDATE bus_consumer_offsets SET owner = NULL, lease_until = NULL
         WHERE group_id = $1 AND topic = $2 AND owner = $3 AND partition IN (
           SELECT partition FROM bus_consumer_offsets WHERE group_id = $1 AND topic = $2 AND owner = $3
           ORDER BY partition OFFSET $4)`,
        [group, topic, memberId, share],
      );
      await tx.query(
        `UPDATE bus_consumer_offsets SET lease_until = now() + $4::interval, seen_at = now()
         WHERE group_id = $1 AND topic = $2 AND owner = $3`,
        [group, topic, memberId, lease],
      );
      await tx.query(
        `UPDATE bus_consumer_offsets SET owner = $3, lease_until = now() + $5::interval, seen_at = now()
         WHERE group_id = $1 AND topic = $2 AND partition IN (
           SELECT partition FROM bus_consumer_offsets
           WHERE group_id = $1 AND topic = $2 AND (owner IS NULL OR lease_until < now())
           ORDER BY partition
           LIMIT greatest(0, $4::int - (SELECT count(*) FROM bus_consumer_offsets
                                        WHERE group_id = $1 AND topic = $2 AND owner = $3))
           FOR UPDATE SKIP LOCKED)`,
        [group, topic, memberId, share, lease],
      );
      return release.rowCount > 0;
    });
    this.lastRebalance = Date.now();
    if (released) this.options.onGroupChanged?.();
  }

  /**
   * Fetches a batch of every owned partition not backing off, and hands them to the handler together
   * through the coalescer (one handler transaction instead of one per partition: what keeps latency
   * flat when traffic is spread thin over the partitions; a failing message still holds back only its
   * own partition), then commits the handled ones in one statement. Returns whether anything was handled.
   */
  private async pollOnce(): Promise<boolean> {
    const { group, topic, memberId, maxBatchSize } = this.options;
    const { rows } = await this.database.systemQuery<EventRow>(
      `SELECT o.partition, e."offset", e.key, e.value, e.headers
         FROM bus_consumer_offsets o
         CROSS JOIN LATERAL (
           SELECT "offset", key, value, headers FROM bus_events
           WHERE topic = o.topic AND partition = o.partition AND "offset" > o.committed
           ORDER BY "offset" LIMIT $4
         ) e
         WHERE o.group_id = $1 AND o.topic = $2 AND o.owner = $3
         ORDER BY o.partition, e."offset"`,
      [group, topic, memberId, maxBatchSize],
    );
    const batches = new Map<number, DeliveredMessage[]>();
    for (const row of rows) {
      const batch = batches.get(row.partition) ?? [];
      batch.push({
        topic,
        partition: row.partition,
        offset: row.offset,
        key: row.key,
        value: row.value,
        headers: row.headers,
      });
      batches.set(row.partition, batch);
    }
    const now = Date.now();
    const ready = [...batches].filter(([partition]) => (this.backoff.get(partition)?.until ?? 0) <= now);
    const outcomes = await Promise.allSettled(
      ready.map(([, batch]) => this.options.coalescer.deliver(batch)),
    );
    const handled = ready.filter((_, index) => outcomes[index]!.status === 'fulfilled');
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') this.backOff(ready[index]![0], ready[index]![1], outcome.reason);
    });
    if (handled.length > 0) await this.commit(handled);
    return handled.length > 0;
  }

  private backOff(partition: number, batch: DeliveredMessage[], error: unknown): void {
    const { group, topic } = this.options;
    const attempts = (this.backoff.get(partition)?.attempts ?? 0) + 1;
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
    this.backoff.set(partition, { until: Date.now() + delay, attempts });
    this.options.logError(
      `handler of ${group} failed on ${topic}[${partition}] at offset ${batch[0]!.offset} (attempt ${attempts}); it will be redelivered`,
      error,
    );
  }

  /** Moves the group's offsets past the handled batches (of partitions this member still owns). */
  private async commit(handled: ReadonlyArray<[number, DeliveredMessage[]]>): Promise<void> {
    const { group, topic, memberId } = this.options;
    for (const [partition] of handled) this.backoff.delete(partition);
    await this.database.systemQuery(
      `UPDATE bus_consumer_offsets o SET committed = handled.last
         FROM unnest($4::int[], $5::bigint[]) AS handled(partition, last)
         WHERE o.group_id = $1 AND o.topic = $2 AND o.partition = handled.partition AND o.owner = $3
           AND o.committed < handled.last`,
      [
        group,
        topic,
        memberId,
        handled.map(([partition]) => partition),
        handled.map(([, batch]) => batch[batch.length - 1]!.offset),
      ],
    );
  }
}
