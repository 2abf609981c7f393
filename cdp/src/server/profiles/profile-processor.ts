import type { Outbox } from '@orchestrator/shared/bus';
import type { Database, Tx } from '@orchestrator/shared/ports';
import type { CdpEnvelope, NormalizedMessage } from '../../contracts/index.ts';
import {
  DEFAULT_IDENTITY_RULES,
  applyMessage,
  extractIdentifiers,
  mergeProfileStates,
  planIdentityResolution,
  withoutBlockedIdentifiers,
  type CandidateProfile,
  type Identifier,
  type IdentityRules,
  type ProfileState,
  type ResolutionPlan,
  type TraitStrategy,
} from '../../domain/index.ts';
import { EventRepository } from './event-repository.ts';
import { IdentityRepository, type StoredIdentity } from './identity-repository.ts';
import { MergeRepository } from './merge-repository.ts';
import { profileBusMessage, type ProfileBusEvent } from '../../contracts/profile-bus-events.ts';
import { ProfileRepository, type ProfileRecord } from './profile-repository.ts';
import { UnprocessableMessageError } from './processing-failures.ts';
import { loadProcessingSettings } from './processing-settings.ts';
import { canonicalTimestamp } from './stored-message.ts';

export type ProcessingOutcome =
  | { kind: 'duplicate' }
  /** Stored on the timeline of no one: every identifier it carried was blocked. */
  | { kind: 'unattributed'; eventId: number }
  | { kind: 'processed'; eventId: number; profileId: string; created: boolean; absorbedIds: string[] };

/** Re-reads of the identity graph while other transactions keep changing it, before giving up. */
const MAX_LOCK_ROUNDS = 10;

/** The live profiles a message's identifiers point at, locked, with all their identities. */
interface LockedCandidates {
  profiles: Map<string, ProfileRecord>;
  identities: StoredIdentity[];
}

/**
 * Turns one CDP message into its effect on profiles — the event row, identity links, merges, the
 * profile's state and the events for the automations — in ONE tenant transaction. The event row's
 * unique (source, messageId) key makes the effect exactly-once under at-least-once delivery: a
 * redelivered message finds its row and stops, and a crash rolls back everything, row included.
 */
export class ProfileProcessor {
  private readonly events = new EventRepository();
  private readonly identities = new IdentityRepository();
  private readonly profiles = new ProfileRepository();
  private readonly merges = new MergeRepository();
  private readonly matchingTypes: ReadonlySet<Identifier['type']>;

  constructor(
    private readonly database: Database,
    private readonly outbox: Outbox,
    private readonly rules: IdentityRules = DEFAULT_IDENTITY_RULES,
  ) {
    this.matchingTypes = new Set(rules.matching);
  }

  async process(tenantId: string, envelope: CdpEnvelope): Promise<ProcessingOutcome> {
    const message = withCanonicalTimestamp(envelope.message);
    const receivedAt = canonicalTimestamp(envelope.receivedAt) ?? message.timestamp;
    return this.database.tenantTx(tenantId, (tx) =>
      this.processInTransaction(tx, tenantId, envelope.sourceId, message, receivedAt),
    );
  }

  private async processInTransaction(
    tx: Tx,
    tenantId: string,
    sourceId: string,
    message: NormalizedMessage,
    receivedAt: string,
  ): Promise<ProcessingOutcome> {
    const eventId = await this.events.insertIfNew(tx, tenantId, sourceId, message, receivedAt);
    if (eventId === undefined) return { kind: 'duplicate' };

    const { blocked, strategies } = await loadProcessingSettings(tx);
    const identifiers = withoutBlockedIdentifiers(extractIdentifiers(message), blocked);
    const matching = identifiers.filter((identifier) => this.matchingTypes.has(identifier.type));
    await this.identities.lock(tx, tenantId, matching);
    const locked = await this.lockCandidates(tx, matching);
    const plan = planIdentityResolution(identifiers, this.candidatesOf(locked), this.rules, {
      messageType: message.type,
    });
    const processed = (profileId: string | null): ProfileBusEvent => ({
      type: 'Message Processed',
      profileId,
      sourceId,
      receivedAt,
      message,
    });

    // Only placeholders (or a lone group id): no one to attribute it to, and a profile per such
    // message would flood the customer list with one-event strangers.
    if (
      plan.kind === 'create' &&
      !plan.attach.some((identifier) => this.matchingTypes.has(identifier.type))
    ) {
      await this.events.attribute(tx, eventId, null, identifiers);
      await this.outbox.enqueue(tx, tenantId, [profileBusMessage(tenantId, processed(null))]);
      return { kind: 'unattributed', eventId };
    }

    const target =
      plan.kind === 'create'
        ? await this.profiles.create(tx, tenantId)
        : locked.profiles.get(plan.kind === 'attach' ? plan.profileId : plan.survivorId)!;
    const processedSeq = await this.events.attribute(tx, eventId, target.id, identifiers);
    const busEvents: ProfileBusEvent[] = [];
    let state = target.state;
    if (plan.kind === 'create') {
      busEvents.push({ type: 'Profile Created', profileId: target.id, ...messageRef(message) });
    } else if (plan.kind === 'merge') {
      const merged = await this.absorb(tx, tenantId, plan, locked, state, strategies, {
        message,
        eventId,
        processedSeq,
      });
      state = merged.state;
      busEvents.push({
        type: 'Profiles Merged',
        profileId: target.id,
        absorbedIds: plan.absorbedIds,
        mergeIds: merged.mergeIds,
        rule: plan.rule,
        ...messageRef(message),
      });
    }
    await this.identities.attach(tx, tenantId, target.id, plan.attach, message.timestamp, eventId);
    await this.profiles.saveState(tx, target.id, applyMessage(state, message, strategies));
    busEvents.push(processed(target.id));
    await this.outbox.enqueue(
      tx,
      tenantId,
      busEvents.map((event) => profileBusMessage(tenantId, event)),
    );
    return {
      kind: 'processed',
      eventId,
      profileId: target.id,
      created: plan.kind === 'create',
      absorbedIds: plan.kind === 'merge' ? plan.absorbedIds : [],
    };
  }

  /**
   * Locks the live profiles holding any matching identifier, then re-reads who holds them. The
   * advisory locks already keep out every message carrying these identifiers; the row locks keep out
   * the rest (a message merging one of these profiles through another identifier, an undo). If the
   * graph changed between finding and locking (a holder was absorbed meanwhile), go round again.
   */
  private async lockCandidates(tx: Tx, matching: readonly Identifier[]): Promise<LockedCandidates> {
    const types = matching.map((identifier) => identifier.type);
    const values = matching.map((identifier) => identifier.value);
    for (let round = 1; ; round++) {
      const profiles = await this.profiles.lockLiveHolders(tx, types, values);
      const identities = await this.identities.holdersWithIdentities(tx, matching);
      const holders = new Set(identities.map((identity) => identity.profileId));
      if (holders.size === profiles.length && profiles.every((profile) => holders.has(profile.id))) {
        return { profiles: new Map(profiles.map((profile) => [profile.id, profile])), identities };
      }
      if (round >= MAX_LOCK_ROUNDS) {
        throw new Error('The identity graph kept changing while this message was resolved; retrying later');
      }
    }
  }

  private candidatesOf(locked: LockedCandidates): CandidateProfile[] {
    return [...locked.profiles.values()].map((profile) => ({
      id: profile.id,
      firstSeenAt: profile.state.firstSeenAt,
      createdAt: profile.createdAt,
      identities: locked.identities
        .filter((identity) => identity.profileId === profile.id)
        .map(({ type, value }) => ({ type, value })),
    }));
  }

  /**
   * Records each absorbed profile's row and identities, points it at the survivor, hands its
   * identities over, and folds its state into the survivor's (an order-independent merge; counts
   * are recomputed afterwards, never added).
   */
  private async absorb(
    tx: Tx,
    tenantId: string,
    plan: Extract<ResolutionPlan, { kind: 'merge' }>,
    locked: LockedCandidates,
    survivorState: ProfileState,
    strategies: Record<string, TraitStrategy>,
    trigger: { message: NormalizedMessage; eventId: number; processedSeq: number },
  ): Promise<{ state: ProfileState; mergeIds: string[] }> {
    let state = survivorState;
    const mergeIds: string[] = [];
    for (const absorbedId of plan.absorbedIds) {
      const { mergedInto: _mergedInto, ...profile } = locked.profiles.get(absorbedId)!;
      mergeIds.push(
        await this.merges.record(tx, {
          tenantId,
          survivorId: plan.survivorId,
          absorbedId,
          triggerMessageId: trigger.message.messageId,
          triggerEventId: trigger.eventId,
          processedSeq: trigger.processedSeq,
          rule: plan.rule,
          absorbedState: {
            profile,
            identities: locked.identities.filter((identity) => identity.profileId === absorbedId),
          },
        }),
      );
      await this.profiles.markMerged(tx, absorbedId, plan.survivorId);
      await this.identities.moveAll(tx, absorbedId, plan.survivorId);
      state = mergeProfileStates(state, profile.state, strategies);
    }
    return { state, mergeIds };
  }
}

function messageRef(message: NormalizedMessage): { messageId: string; timestamp: string } {
  return { messageId: message.messageId, timestamp: message.timestamp };
}

function withCanonicalTimestamp(message: NormalizedMessage): NormalizedMessage {
  const timestamp = canonicalTimestamp(String(message.timestamp));
  if (timestamp === undefined) {
    throw new UnprocessableMessageError(`Its timestamp "${String(message.timestamp)}" is not a date`);
  }
  return { ...message, timestamp };
}
