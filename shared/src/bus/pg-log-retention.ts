import type { Database } from '../ports/index.ts';
import { WakeupSignal } from './wakeup-signal.ts';

export interface PgLogRetentionOptions {
  /**
   * Kafka's time retention: events younger than this are always kept. It is also how long a consumer
   * group may stay away and still find its backlog waiting.
   */
  retentionMs: number;
  /** Events deleted per transaction, so no delete holds locks for long. */
  batchSize?: number;
  /** Pause between two passes over the log. */
  intervalMs?: number;
  logError?: (message: string, error: unknown) => void;
}

/**
 * Prunes the Postgres event log (`bus_events`) the way Kafka applies time retention, without dropping
 * anything a consumer still needs. An event is deleted only when both hold:
 * - it is older than the retention period, and
 * - every consumer group seen on its partition within the retention period has committed past it.
 * A group unseen for longer than the retention (its members stopped or died and never came back) no
 * longer holds events: when it returns it resumes at the oldest event still kept, like Kafka's
 * `auto.offset.reset=earliest`. A partition no group reads is pruned by age alone.
 *
 * Like Kafka's log start offset, pruning only ever removes the head of a partition. Offsets are never
 * reused: `bus_partitions` keeps counting, and readers fetch `offset > committed`, so they read on
 * unaffected. Publishers lock `bus_partitions` rows; pruning never touches that table, and several
 * pruners skip each other's rows, so none of them waits on another.
 *
 * On Postgres autovacuum makes the deleted rows' space reusable. PGlite runs no autovacuum, so a pass
 * that deleted anything vacuums the table, or the data directory would keep growing.
 */
export class PgLogRetention {
  private readonly signal = new WakeupSignal();
  private running = false;
  /** Set by stop(): a pass in progress ends after its current batch. */
  private stopping = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: PgLogRetentionOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.signal.notify();
    await this.loop;
  }

  /** One pass over every partition, batch by batch; returns how many events were deleted. */
  async pruneOnce(): Promise<number> {
    const partitions = await this.database.systemTx(async (tx) => {
      const { rows } = await tx.query<{ topic: string; partition: number }>(
        'SELECT topic, partition FROM bus_partitions ORDER BY topic, partition',
      );
      return rows;
    });
    let deleted = 0;
    for (const { topic, partition } of partitions) {
      while (!this.stopping) {
        const batch = await this.pruneBatch(topic, partition);
        deleted += batch;
        if (batch < this.batchSize) break;
      }
    }
    if (deleted > 0) await this.database.vacuum('bus_events');
    return deleted;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 1_000;
  }

  /**
   * Deletes up to one batch from the head of a partition: of its oldest events not yet handled by every
   * live group's commit, those before the first one still inside the retention. Stopping there keeps each
   * pass to about what it deletes (created_at follows offsets closely) and the log a contiguous tail.
   * Rows go by ctid, so the delete is a lookup of the rows just read, never a scan of the partition.
   */
  private async pruneBatch(topic: string, partition: number): Promise<number> {
    return this.database.systemTx(async (tx) => {
      const { rowCount } = await tx.query(
        `WITH head AS (
           SELECT ctid, "offset", created_at FROM bus_events
           WHERE topic = $1 AND partition = $2
             AND "offset" <= coalesce(
               (SELECT min(committed) FROM bus_consumer_offsets
                WHERE topic = $1 AND partition = $2 AND seen_at >= now() - $3::interval),
               9223372036854775807)
           ORDER BY "offset"
           LIMIT $4
           FOR UPDATE SKIP LOCKED)
         DELETE FROM bus_events
         WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM head
           WHERE "offset" < coalesce(
             (SELECT min("offset") FROM head WHERE created_at >= now() - $3::interval),
             9223372036854775807)))`,
        [topic, partition, `${this.options.retentionMs} milliseconds`, this.batchSize],
      );
      return rowCount;
    });
  }

  private async run(): Promise<void> {
    const intervalMs = this.options.intervalMs ?? 5 * 60_000;
    while (this.running) {
      try {
        await this.pruneOnce();
      } catch (error) {
        (this.options.logError ?? console.error)('event log retention failed; retrying', error);
      }
      if (this.running) await this.signal.wait(intervalMs);
    }
  }
}
