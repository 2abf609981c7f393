import { z } from 'zod';
import { TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import { systemQueryable } from '@orchestrator/shared/db';
import type { Logger } from '@orchestrator/shared/logging';
import type { Database, DeliveredMessage, EventBus, Subscription } from '@orchestrator/shared/ports';
import { CDP_PROFILE_EVENTS_TOPIC, processedEventOf } from '../../contracts/index.ts';
import { profilesToRefresh } from '../../domain/search/index.ts';
import type { EmbeddingJobKey, EmbeddingJobQueue } from './embedding-job-queue.ts';

/** The consumer group of the search document refresh on `cdp.profile-events`. */
export const EMBEDDINGS_CONSUMER_GROUP = 'cdp-embeddings';

const TenantIdSchema = z.uuid();

/**
 * Turns profile events into refresh requests: one `cdp_embedding_jobs` row per changed profile and
 * batch (requests for a profile already queued coalesce into its row). Idempotent, so redelivered
 * batches change nothing; the heavy work happens in the EmbeddingJobRunner, which `onRequested` wakes.
 */
export class EmbeddingRefreshConsumer {
  constructor(
    private readonly database: Database,
    private readonly queue: EmbeddingJobQueue,
    private readonly onRequested: () => void,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  subscribe(bus: EventBus): Promise<Subscription> {
    return bus.subscribe({
      topic: CDP_PROFILE_EVENTS_TOPIC,
      group: EMBEDDINGS_CONSUMER_GROUP,
      handler: (batch) => this.handleBatch(batch),
    });
  }

  async handleBatch(batch: readonly DeliveredMessage[]): Promise<void> {
    const jobs: EmbeddingJobKey[] = [];
    for (const delivered of batch) {
      const tenant = TenantIdSchema.safeParse(delivered.headers?.[TENANT_ID_HEADER]);
      if (!tenant.success) {
        this.logger.warn(
          { topic: delivered.topic, partition: delivered.partition, offset: delivered.offset },
          `Profile event without a valid ${TENANT_ID_HEADER} header: no search refresh`,
        );
        continue;
      }
      // The common event, from its key and headers: its value (the whole message) is never parsed.
      const processed = processedEventOf(delivered);
      const profileIds = processed ? [processed.profileId] : profilesToRefresh(delivered.value);
      for (const profileId of profileIds) if (profileId) jobs.push({ tenantId: tenant.data, profileId });
    }
    if (jobs.length === 0) return;
    // One statement committed alone: a transaction around it would add two round trips per batch.
    await this.queue.request(systemQueryable(this.database), jobs);
    this.onRequested();
  }
}
