import { z } from 'zod';
import { busPositionOf, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { DeliveredMessage, EventBus } from '@orchestrator/shared/ports';
import { CDP_EVENTS_TOPIC } from '../../client/index.ts';
import { CdpEnvelopeSchema, SegmentMessageSchema, type CdpEnvelope } from '../../contracts/index.ts';
import { isPermanentFailure, isTransientFailure } from './processing-failures.ts';
import type { ProfileProcessor } from './profile-processor.ts';
import type { RejectedMessageRepository } from './rejected-message-repository.ts';

/** The consumer group of the profile builder on `cdp.events`. */
export const PROFILES_CONSUMER_GROUP = 'cdp-profiles';

/** How often a message failing for an unknown reason is retried before it is rejected. */
const DEFAULT_MAX_ATTEMPTS = 5;

/** The most messages of one tenant processed in one transaction. */
export const DEFAULT_CHUNK_SIZE = 500;

const TenantIdSchema = z.uuid();

type Parsed =
  | { ok: true; tenantId: string; envelope: CdpEnvelope }
  | { ok: false; tenantId: string | null; reason: string };

/**
 * Feeds `cdp.events` to the ProfileProcessor in partition order: a delivered batch is grouped by
 * tenant (order kept within each) and processed in chunks of up to `chunkSize` messages, one
 * transaction per chunk. A message that can never be processed (bad shape, no tenant, data Postgres
 * refuses, or failing again and again) is logged and recorded in `cdp_rejected_messages` instead of
 * blocking its partition: when a chunk fails for any reason but a transient one, its messages are
 * processed again one by one, so the bad one is isolated and the others go through. A transient
 * failure (database away, deadlock) throws, so the bus redelivers the batch — the messages already
 * processed are then recognized by their event rows and change nothing.
 */
export class ProfileConsumer {
  /** Failed attempts per bus position, for failures that are neither clearly transient nor permanent. */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly processor: Pick<ProfileProcessor, 'process'> &
      Partial<Pick<ProfileProcessor, 'processBatch'>>,
    private readonly rejected: RejectedMessageRepository,
    private readonly logger: Pick<Logger, 'warn' | 'error'>,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
  ) {}

  /** Subscribes to `cdp.events` as the `cdp-profiles` group. */
  subscribe(bus: EventBus, options: { maxBatchSize?: number; members?: number } = {}) {
    return bus.subscribe({
      topic: CDP_EVENTS_TOPIC,
      group: PROFILES_CONSUMER_GROUP,
      handler: (batch) => this.handleBatch(batch),
      ...options,
    });
  }

  async handleBatch(batch: readonly DeliveredMessage[]): Promise<void> {
    if (!this.processor.processBatch || this.chunkSize <= 1) {
      for (const delivered of batch) await this.handle(delivered);
      return;
    }
    const byTenant = new Map<string, Array<{ delivered: DeliveredMessage; envelope: CdpEnvelope }>>();
    for (const delivered of batch) {
      const parsed = parse(delivered);
      if (!parsed.ok) {
        await this.reject(delivered, parsed.tenantId, undefined, parsed.reason);
        continue;
      }
      const messages = byTenant.get(parsed.tenantId) ?? [];
      messages.push({ delivered, envelope: parsed.envelope });
      byTenant.set(parsed.tenantId, messages);
    }
    for (const [tenantId, messages] of byTenant) {
      for (let start = 0; start < messages.length; start += this.chunkSize) {
        await this.handleChunk(tenantId, messages.slice(start, start + this.chunkSize));
      }
    }
  }

  /** One transaction for the chunk; on a failure that is not transient, one message at a time. */
  private async handleChunk(
    tenantId: string,
    chunk: ReadonlyArray<{ delivered: DeliveredMessage; envelope: CdpEnvelope }>,
  ): Promise<void> {
    try {
      await this.processor.processBatch!(
        tenantId,
        chunk.map((item) => item.envelope),
      );
      for (const { delivered } of chunk) this.attempts.delete(busPositionOf(delivered));
    } catch (error) {
      if (isTransientFailure(error)) throw error;
      this.logger.warn(
        { err: error, tenantId, messages: chunk.length },
        'CDP chunk failed; processing its messages one by one',
      );
      for (const { delivered } of chunk) await this.handle(delivered);
    }
  }

  async handle(delivered: DeliveredMessage): Promise<void> {
    const parsed = parse(delivered);
    if (!parsed.ok) return this.reject(delivered, parsed.tenantId, undefined, parsed.reason);
    const position = busPositionOf(delivered);
    try {
      await this.processor.process(parsed.tenantId, parsed.envelope);
      this.attempts.delete(position);
    } catch (error) {
      if (isTransientFailure(error)) throw error;
      const attempts = (this.attempts.get(position) ?? 0) + 1;
      if (!isPermanentFailure(error) && attempts < this.maxAttempts) {
        this.attempts.set(position, attempts);
        this.logger.warn(
          { err: error, tenantId: parsed.tenantId, messageId: parsed.envelope.message.messageId, attempts },
          'CDP message failed; the batch will be redelivered',
        );
        throw error;
      }
      this.attempts.delete(position);
      const reason = error instanceof Error ? error.message : String(error);
      await this.reject(delivered, parsed.tenantId, parsed.envelope, `Processing failed: ${reason}`);
    }
  }

  private async reject(
    delivered: DeliveredMessage,
    tenantId: string | null,
    envelope: CdpEnvelope | undefined,
    reason: string,
  ): Promise<void> {
    const value = delivered.value as { sourceId?: unknown; message?: { messageId?: unknown } } | null;
    const sourceId = envelope?.sourceId ?? (typeof value?.sourceId === 'string' ? value.sourceId : null);
    const rawMessageId = envelope?.message.messageId ?? value?.message?.messageId;
    const messageId = typeof rawMessageId === 'string' ? rawMessageId : null;
    this.logger.error(
      {
        tenantId,
        sourceId,
        messageId,
        topic: delivered.topic,
        partition: delivered.partition,
        offset: delivered.offset,
        index: delivered.index ?? 0,
        reason,
      },
      'CDP message rejected: recorded in cdp_rejected_messages',
    );
    await this.rejected.record({ delivered, tenantId, sourceId, messageId, reason });
  }
}

/** The tenant from the header and the envelope, with its message checked against the Segment contract. */
function parse(delivered: DeliveredMessage): Parsed {
  const tenant = TenantIdSchema.safeParse(delivered.headers?.[TENANT_ID_HEADER]);
  if (!tenant.success) return { ok: false, tenantId: null, reason: `No valid ${TENANT_ID_HEADER} header` };
  const tenantId = tenant.data;
  const envelope = CdpEnvelopeSchema.safeParse(delivered.value);
  if (!envelope.success)
    return { ok: false, tenantId, reason: `Not a CDP envelope: ${summarize(envelope.error)}` };
  const message = SegmentMessageSchema.safeParse(envelope.data.message);
  if (!message.success)
    return { ok: false, tenantId, reason: `Invalid message: ${summarize(message.error)}` };
  const { messageId, timestamp } = message.data;
  if (messageId === undefined || timestamp === undefined) {
    return { ok: false, tenantId, reason: 'Not normalized: messageId and timestamp are required' };
  }
  return {
    ok: true,
    tenantId,
    envelope: { ...envelope.data, message: { ...message.data, messageId, timestamp } },
  };
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`)
    .join('; ');
}
