import { z } from 'zod';
import { busPositionOf, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { DeliveredMessage, EventBus } from '@orchestrator/shared/ports';
import { CDP_PROFILE_EVENTS_TOPIC, processedEventOf } from '../../contracts/index.ts';
import type { SegmentMemberships } from './segment-memberships.ts';

/** The consumer group of incremental segment evaluation on `cdp.profile-events`. */
export const SEGMENTS_CONSUMER_GROUP = 'cdp-segments';

/** Our own events: evaluating on them would evaluate on every evaluation, forever. */
const OWN_EVENTS = new Set(['Segment Entered', 'Segment Exited']);

/** Profiles evaluated per transaction (each takes a lock). */
const PROFILES_PER_TRANSACTION = 100;
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Read leniently: whatever names a profile is worth re-evaluating, including event types added later
 * (a deleted profile, say, simply leaves its segments).
 */
const ProfileEventSchema = z.looseObject({
  type: z.string(),
  profileId: z.uuid().nullish(),
  absorbedIds: z.array(z.uuid()).optional(),
  restoredId: z.uuid().optional(),
});

/** The tenant and the profiles whose memberships a profile event may have changed, if any. */
export function affectedProfiles(
  delivered: DeliveredMessage,
): { tenantId: string; profileIds: string[] } | undefined {
  const tenant = z.uuid().safeParse(delivered.headers?.[TENANT_ID_HEADER]);
  if (!tenant.success) return undefined;
  // The common event, from its key and headers: its value (the whole message) is never parsed.
  const processed = processedEventOf(delivered);
  if (processed)
    return processed.profileId ? { tenantId: tenant.data, profileIds: [processed.profileId] } : undefined;
  const event = ProfileEventSchema.safeParse(delivered.value);
  if (!event.success || OWN_EVENTS.has(event.data.type)) return undefined;
  const { profileId, absorbedIds = [], restoredId } = event.data;
  // A merge: the survivor is evaluated, the absorbed profiles (no longer live) leave their segments.
  // An undo: both sides are evaluated.
  const profileIds = [profileId, ...absorbedIds, restoredId].filter(
    (id): id is string => typeof id === 'string',
  );
  return profileIds.length ? { tenantId: tenant.data, profileIds } : undefined;
}

/**
 * Incremental evaluation: every profile event (a processed message, a creation, a merge or its undo)
 * re-evaluates the profiles it names against every segment of their tenant — once per batch, however
 * many events of the batch name them. Failures throw, so the bus redelivers; a batch failing again and
 * again is logged and skipped rather than blocking its partition (the next event of those profiles, or
 * an "evaluate now", brings them right again).
 */
export class SegmentConsumer {
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly memberships: Pick<SegmentMemberships, 'reconcileProfiles'>,
    private readonly logger: Pick<Logger, 'warn' | 'error'>,
    private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
  ) {}

  subscribe(bus: EventBus, options: { maxBatchSize?: number } = {}) {
    return bus.subscribe({
      topic: CDP_PROFILE_EVENTS_TOPIC,
      group: SEGMENTS_CONSUMER_GROUP,
      handler: (batch) => this.handleBatch(batch),
      ...options,
    });
  }

  async handleBatch(batch: readonly DeliveredMessage[]): Promise<void> {
    const first = batch[0];
    if (!first) return;
    const byTenant = new Map<string, Set<string>>();
    for (const delivered of batch) {
      const affected = affectedProfiles(delivered);
      if (!affected) continue;
      const ids = byTenant.get(affected.tenantId) ?? new Set<string>();
      affected.profileIds.forEach((id) => ids.add(id));
      byTenant.set(affected.tenantId, ids);
    }
    const position = busPositionOf(first);
    try {
      for (const [tenantId, ids] of byTenant) {
        const all = [...ids];
        for (let start = 0; start < all.length; start += PROFILES_PER_TRANSACTION) {
          await this.memberships.reconcileProfiles(
            tenantId,
            all.slice(start, start + PROFILES_PER_TRANSACTION),
          );
        }
      }
      this.attempts.delete(position);
    } catch (error) {
      const attempts = (this.attempts.get(position) ?? 0) + 1;
      if (attempts < this.maxAttempts) {
        this.attempts.set(position, attempts);
        this.logger.warn(
          { err: error, position, attempts },
          'Segment evaluation failed; the batch will be redelivered',
        );
        throw error;
      }
      this.attempts.delete(position);
      this.logger.error(
        { err: error, position, attempts, tenants: [...byTenant.keys()] },
        'Segment evaluation kept failing; skipped this batch (memberships of its profiles may be stale)',
      );
    }
  }
}
