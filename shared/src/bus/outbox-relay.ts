import { randomUUID } from 'node:crypto';
import type { Database, EventBus, OutgoingMessage } from '../ports/index.ts';
import { TENANT_ID_HEADER } from './outbox.ts';
import { WakeupSignal } from './wakeup-signal.ts';

export interface OutboxRelayOptions {
  batchSize?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  logError?: (message: string, error: unknown) => void;
}

interface OutboxRow {
  id: number;
  tenant_id: string;
  topic: string;
  key: string;
  payload: unknown;
  headers: Record<string, string>;
}

const LEASE_NAME = 'outbox-relay';

/**
 * Moves committed outbox rows to the bus, oldest first, then deletes them. One relay works at a time
 * (a lease), which keeps per-key order. A crash between publish and delete republishes the batch:
 * delivery is at-least-once and consumers dedupe on messageId.
 */
export class OutboxRelay {
  private readonly signal = new WakeupSignal();
  private readonly owner = randomUUID();
  private running = false;
  private loop: Promise<void> | undefined;
  /** Ids of the rows the last round published, deleted by the next round. */
  private published: number[] = [];

  constructor(
    private readonly database: Database,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  /** Wakes the relay now (called after a transaction that enqueued messages commits). */
  readonly kick = (): void => this.signal.notify();

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
    await this.deletePublished().catch((error: unknown) =>
      (this.options.logError ?? console.error)('outbox relay could not delete what it published', error),
    );
  }

  /**
   * Relays one batch; returns how many messages went out (0 when idle or another relay holds the
   * lease). The rows published by the round before are deleted by this round's statement — with the
   * lease and the read, one statement a round instead of two transactions — so a crash between
   * publishing and that statement republishes them, as any crash after publishing always did.
   */
  async relayOnce(): Promise<number> {
    const leaseMs = this.options.leaseMs ?? 15_000;
    const published = this.published;
    const { rows } = await this.database.systemQuery<OutboxRow>(
      `WITH relayed AS (DELETE FROM outbox WHERE id = ANY($4::bigint[])),
         lease AS (
           INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, now() + $3::interval)
           ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
           WHERE leases.owner = EXCLUDED.owner OR leases.expires_at < now()
           RETURNING owner
         )
         SELECT id, tenant_id, topic, key, payload, headers FROM outbox
         WHERE EXISTS (SELECT 1 FROM lease) AND id <> ALL($4::bigint[])
         ORDER BY id LIMIT $5`,
      [LEASE_NAME, this.owner, `${leaseMs} milliseconds`, published, this.options.batchSize ?? 500],
    );
    this.published = [];
    if (rows.length === 0) return 0;

    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({
        key: row.key,
        value: row.payload,
        headers: { ...row.headers, [TENANT_ID_HEADER]: row.tenant_id },
      });
      byTopic.set(row.topic, messages);
    }
    for (const [topic, messages] of byTopic) await this.bus.publish(topic, messages);
    this.published = rows.map((row) => row.id);
    return rows.length;
  }

  /** Deletes the rows the last round published (on stop: the next relay would publish them again). */
  private async deletePublished(): Promise<void> {
    if (this.published.length === 0) return;
    const ids = this.published;
    await this.database.systemQuery('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
    this.published = [];
  }

  private async run(): Promise<void> {
    const pollIntervalMs = this.options.pollIntervalMs ?? 500;
    while (this.running) {
      const mark = this.signal.mark();
      try {
        const relayed = await this.relayOnce();
        if (relayed === 0 && this.running) await this.signal.wait(pollIntervalMs, mark);
      } catch (error) {
        (this.options.logError ?? console.error)('outbox relay failed; retrying', error);
        if (this.running) await this.signal.wait(pollIntervalMs * 4);
      }
    }
  }
}
