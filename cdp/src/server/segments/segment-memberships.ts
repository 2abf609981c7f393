import type { Outbox } from '@orchestrator/shared/bus';
import type { Clock, Database, Tx } from '@orchestrator/shared/ports';
import { profileBusMessage } from '../../contracts/index.ts';
import { MembershipRepository, type MembershipChange } from './membership-repository.ts';
import { SegmentEvaluator } from './segment-evaluator.ts';
import { lockProfilesForSegments, lockSegmentsExclusive, lockSegmentsShared } from './segment-locks.ts';
import { SegmentRepository, type EvaluableSegment } from './segment-repository.ts';

export interface MembershipChanges {
  entered: MembershipChange[];
  exited: MembershipChange[];
}

const NO_CHANGES: MembershipChanges = { entered: [], exited: [] };

/** Outbox messages per statement: keeps one full evaluation of a big segment in bounded pieces. */
const EVENTS_PER_ENQUEUE = 500;

/**
 * Keeps memberships in step with the rules, in two ways: incrementally (some profiles changed: each is
 * evaluated against every segment of the tenant) and fully (one segment against every profile: on
 * create, rule change, "evaluate now" and the time-window sweep). Every stay opened or closed emits
 * `Segment Entered` / `Segment Exited` on `cdp.profile-events` through the outbox, in the transaction
 * that changed it. Evaluation is state-based, so running it again (a redelivery) changes nothing.
 */
export class SegmentMemberships {
  private readonly segments = new SegmentRepository();
  private readonly memberships = new MembershipRepository();
  private readonly evaluator = new SegmentEvaluator();

  constructor(
    private readonly database: Database,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Re-evaluates these profiles against every segment of the tenant. A profile that is not live (merged
   * into another, or deleted) matches nothing, so it leaves every segment it was in.
   */
  async reconcileProfiles(tenantId: string, profileIds: Iterable<string>): Promise<MembershipChanges> {
    const ids = [...new Set(profileIds)].sort();
    if (ids.length === 0) return NO_CHANGES;
    return this.database.tenantTx(tenantId, async (tx) => {
      await lockSegmentsShared(tx, tenantId);
      const segments = await this.segments.allEvaluable(tx);
      // No segments, no memberships (they go with their segment): nothing to do, no profile locks.
      if (segments.length === 0) return NO_CHANGES;
      await lockProfilesForSegments(tx, ids);
      const now = this.clock.now();
      const matches = await this.evaluator.matching(tx, segments, ids, now);
      const evaluated = new Set(segments.map((segment) => segment.id));
      const open = await this.memberships.openOf(tx, ids);
      const isOpen = new Set(open.map((stay) => `${stay.segmentId}:${stay.profileId}`));
      const leaving = open.filter(
        (stay) => evaluated.has(stay.segmentId) && !matches.get(stay.profileId)?.has(stay.segmentId),
      );
      const entering = [...matches].flatMap(([profileId, segmentIds]) =>
        [...segmentIds]
          .filter((segmentId) => !isOpen.has(`${segmentId}:${profileId}`))
          .map((segmentId) => ({ segmentId, profileId })),
      );
      const changes = {
        exited: await this.memberships.exit(
          tx,
          leaving.map((stay) => stay.id),
          now,
        ),
        entered: await this.memberships.enter(tx, tenantId, entering, now),
      };
      await this.announce(tx, tenantId, segments, changes, now);
      return changes;
    });
  }

  /** Recomputes one segment for every profile now, in its own transaction. Undefined: no such segment. */
  async evaluateSegment(
    tenantId: string,
    segmentId: string,
    options: { skipIfEvaluatedSince?: Date } = {},
  ): Promise<(MembershipChanges & { evaluatedAt: Date }) | undefined> {
    return this.database.tenantTx(tenantId, async (tx) => {
      await lockSegmentsExclusive(tx, tenantId);
      const segment = await this.segments.evaluable(tx, segmentId);
      if (!segment) return undefined;
      if (options.skipIfEvaluatedSince) {
        const evaluatedAt = await this.segments.evaluatedAt(tx, segmentId);
        if (evaluatedAt && evaluatedAt >= options.skipIfEvaluatedSince) {
          return { ...NO_CHANGES, evaluatedAt };
        }
      }
      return this.evaluateInTransaction(tx, tenantId, segment);
    });
  }

  /**
   * Recomputes one segment inside the caller's transaction (create and rule change: the segment is
   * never stored without its memberships). The caller holds lockSegmentsExclusive.
   */
  async evaluateInTransaction(
    tx: Tx,
    tenantId: string,
    segment: EvaluableSegment,
  ): Promise<MembershipChanges & { evaluatedAt: Date }> {
    const now = this.clock.now();
    const changes = await this.evaluator.recompute(tx, segment, now);
    await this.segments.markEvaluated(tx, segment.id, now);
    await this.announce(tx, tenantId, [segment], changes, now);
    return { ...changes, evaluatedAt: now };
  }

  private async announce(
    tx: Tx,
    tenantId: string,
    segments: readonly EvaluableSegment[],
    changes: MembershipChanges,
    at: Date,
  ): Promise<void> {
    const names = new Map(segments.map((segment) => [segment.id, segment.name]));
    const timestamp = at.toISOString();
    const messages = [
      ...changes.exited.map((stay) => ({ type: 'Segment Exited' as const, stay })),
      ...changes.entered.map((stay) => ({ type: 'Segment Entered' as const, stay })),
    ].map(({ type, stay }) =>
      profileBusMessage(tenantId, {
        type,
        profileId: stay.profileId,
        segmentId: stay.segmentId,
        segmentName: names.get(stay.segmentId) ?? '',
        membershipId: stay.id,
        timestamp,
      }),
    );
    for (let start = 0; start < messages.length; start += EVENTS_PER_ENQUEUE) {
      await this.outbox.enqueue(tx, tenantId, messages.slice(start, start + EVENTS_PER_ENQUEUE));
    }
  }
}
