import type { Outbox } from '@orchestrator/shared/bus';
import type { CdpClient, CdpMessage, Tx } from '@orchestrator/shared/ports';

/** The topic every CDP-bound message travels on (DESIGN.md §3). */
export const CDP_EVENTS_TOPIC = 'cdp.events';

/**
 * How the suite's own modules send Segment-shaped messages to the CDP: through the outbox, in the
 * module's own transaction, keyed by tenant + profile key so one customer's events stay in order.
 */
export class OutboxCdpClient implements CdpClient {
  constructor(private readonly outbox: Outbox) {}

  async enqueue(tx: Tx, tenantId: string, messages: readonly CdpMessage[]): Promise<void> {
    await this.outbox.enqueue(
      tx,
      tenantId,
      messages.map((message) => ({
        topic: CDP_EVENTS_TOPIC,
        key: `${tenantId}:${message.userId ?? message.anonymousId ?? message.messageId}`,
        value: message,
        headers: { 'message-id': message.messageId, source: 'internal' },
      })),
    );
  }
}
