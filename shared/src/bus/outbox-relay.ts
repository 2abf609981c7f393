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
  }

  /** Relays one batch; returns how many messages went out (0 when idle or another relay holds the lease). */
  async relayOnce(): Promise<number> {
    const leaseMs = this.options.leaseMs ?? 15_000;
    const rows = await this.database.systemTx(async (tx) => {
      const lease = await tx.query(
        `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, now() + $3::interval)
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE leases.owner = EXCLUDED.owner OR leases.expires_at < now()
         RETURNING owner`,
        [LEASE_NAME, this.owner, `${leaseMs} milliseconds`],
      );
      if (lease.rows.length === 0) return [];
      const batch = await tx.query<OutboxRow>(
        'SELECT id, tenant_id, topic, key, payload, headers FROM outbox ORDER BY id LIMIT $1',
        [this.options.batchSize ?? 500],
      );
      return batch.rows;
    });
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

    await this.database.systemTx(async (tx) => {
      await tx.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
    });
    return rows.length;
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
