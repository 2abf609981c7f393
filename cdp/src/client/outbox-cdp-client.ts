import type { Outbox } from '@orchestrator/shared/bus';
import type { CdpClient, CdpMessage, Tx } from '@orchestrator/shared/ports';
import type { CdpEnvelope, NormalizedMessage } from '../contracts/index.ts';

/** The topic every CDP-bound message travels on (DESIGN.md §3). */
export const CDP_EVENTS_TOPIC = 'cdp.events';

/** Source id of messages the suite's own modules emit (no write key, no HTTP hop). */
export const INTERNAL_SOURCE_ID = 'internal';

/** Bus key of a message: one customer's messages stay in one partition, in order. */
export function cdpMessageKey(
  tenantId: string,
  message: { userId?: string; anonymousId?: string; messageId: string },
): string {
  return `${tenantId}:${message.userId ?? message.anonymousId ?? message.messageId}`;
}

/**
 * How the suite's own modules send Segment-shaped messages to the CDP: through the outbox, in the
 * module's own transaction, with the same envelope the HTTP ingest publishes.
 */
export class OutboxCdpClient implements CdpClient {
  constructor(private readonly outbox: Outbox) {}

  async enqueue(tx: Tx, tenantId: string, messages: readonly CdpMessage[]): Promise<void> {
    const receivedAt = new Date().toISOString();
    await this.outbox.enqueue(
      tx,
      tenantId,
      messages.map((message) => {
        const envelope: CdpEnvelope = {
          sourceId: INTERNAL_SOURCE_ID,
          receivedAt,
          message: { ...message, timestamp: message.timestamp ?? receivedAt } as NormalizedMessage,
        };
        return {
          topic: CDP_EVENTS_TOPIC,
          key: cdpMessageKey(tenantId, message),
          value: envelope,
          headers: { 'message-id': message.messageId },
        };
      }),
    );
  }
}
