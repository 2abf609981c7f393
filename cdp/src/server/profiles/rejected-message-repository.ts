import type { DeliveredMessage, Database } from '@orchestrator/shared/ports';

export interface RejectedMessage {
  delivered: DeliveredMessage;
  tenantId: string | null;
  sourceId: string | null;
  messageId: string | null;
  reason: string;
}

/**
 * `cdp_rejected_messages`: where a message that can never be processed is kept (for inspection and
 * replay) instead of blocking its partition. Written as the owner: the message may name no valid tenant.
 * Recording the same bus position twice (a redelivered batch) keeps one row.
 */
export class RejectedMessageRepository {
  constructor(private readonly database: Database) {}

  async record(rejected: RejectedMessage): Promise<void> {
    const { delivered } = rejected;
    await this.database.systemTx(async (tx) => {
      await tx.query(
        `INSERT INTO cdp_rejected_messages
           (tenant_id, topic, partition, "offset", message_index, source_id, message_id, reason, payload, headers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (topic, partition, "offset", message_index) DO NOTHING`,
        [
          rejected.tenantId,
          delivered.topic,
          delivered.partition,
          delivered.offset,
          delivered.index ?? 0,
          rejected.sourceId,
          rejected.messageId,
          rejected.reason.slice(0, 2000),
          jsonbSafe(delivered.value ?? null),
          JSON.stringify(delivered.headers ?? {}),
        ],
      );
    });
  }
}

/** jsonb cannot hold U+0000 (a message containing one is a typical reason for rejection). */
function jsonbSafe(value: unknown): string {
  return JSON.stringify(value).replaceAll('\\u0000', '\\ufffd');
}
