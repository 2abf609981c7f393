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
    await tx.query(Outbox.insertSql('$1', '$2'), [tenantId, JSON.stringify(messages)]);
    this.enqueuedIn(tx);
  }

  /**
   * The INSERT of `enqueue` over two parameters: the tenant, and the messages as one JSON array (text).
   * A writer that already sends a statement in the transaction runs it as part of that statement — one
   * round trip fewer — and then calls `enqueuedIn`, as `enqueue` does.
   */
  static insertSql(tenantParam: string, messagesParam: string): string {
    return `INSERT INTO outbox (tenant_id, topic, key, payload, headers)
       SELECT ${tenantParam}, m->>'topic', m->>'key', coalesce(m->'value', 'null'::jsonb),
              coalesce(m->'headers', '{}'::jsonb)
       FROM jsonb_array_elements(${messagesParam}::jsonb) WITH ORDINALITY AS t(m, ord)
       ORDER BY ord`;
  }

  /** Messages were inserted in `tx` (by `insertSql`): the relay is woken once it commits. */
  enqueuedIn(tx: Tx): void {
    tx.afterCommit(this.onCommitted);
  }
}
