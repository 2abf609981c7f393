import type { Tx } from '../ports/index.ts';

export interface OutboxMessage {
  topic: string;
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

/** Header naming the tenant a relayed message belongs to. */
export const TENANT_ID_HEADER = 'tenant-id';

/**
 * The transactional outbox: a module writes its events in the same transaction as its business change,
 * so either both are stored or neither is. The relay moves them to the bus after commit.
 */
export class Outbox {
  constructor(private readonly onCommitted: () => void = () => {}) {}

  async enqueue(tx: Tx, tenantId: string, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await tx.query(
      `INSERT INTO outbox (tenant_id, topic, key, payload, headers)
       SELECT $1, m->>'topic', m->>'key', coalesce(m->'value', 'null'::jsonb), coalesce(m->'headers', '{}'::jsonb)
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(m, ord)
       ORDER BY ord`,
      [tenantId, JSON.stringify(messages)],
    );
    tx.afterCommit(this.onCommitted);
  }
}
