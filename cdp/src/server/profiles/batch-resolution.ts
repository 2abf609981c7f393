import { randomUUID } from 'node:crypto';
import {
  applyMessage,
  mergeProfileStates,
  planIdentityResolution,
  traitValues,
  type Identifier,
  type IdentityRules,
  type TraitStrategy,
} from '../../domain/index.ts';
import type { UnlinkedIdentifier } from '../../contracts/profiles-api.ts';
import type { ProfileBusEvent } from '../../contracts/profile-bus-events.ts';
import type { FreshMessage, ProcessingOutcome } from './batch-message.ts';
import type { StoredIdentity } from './identity-repository.ts';
import type { AbsorbedSnapshot } from './merge-repository.ts';
import { messageProcessed, profileCreated, profilesMerged } from './processing-bus-events.ts';
import type { WorkingGraph, WorkingProfile } from './working-graph.ts';

export interface PendingMerge {
  id: string;
  survivorId: string;
  absorbedId: string;
  triggerMessageId: string;
  triggerEventId: number;
  processedSeq: number;
  rule: string;
  absorbedState: AbsorbedSnapshot;
}

/** The in-memory resolution of a batch's messages, in order, and what it leaves to write. */
export class BatchRun {
  readonly attributions: Array<{
    eventId: number;
    profileId: string | null;
    identifiers: Identifier[];
    /** What did not link the message: its blocked values, and those the plan left out for a limit. */
    unlinked: UnlinkedIdentifier[];
    processedSeq: number;
  }> = [];
  readonly merges: PendingMerge[] = [];
  readonly busEvents: ProfileBusEvent[] = [];
  private created = 0;

  constructor(
    readonly graph: WorkingGraph,
    private readonly rules: IdentityRules,
    private readonly matchingTypes: ReadonlySet<Identifier['type']>,
    private readonly strategies: Record<string, TraitStrategy>,
    private readonly nowMicros: number,
  ) {}

  apply(fresh: FreshMessage, processedSeq: number): ProcessingOutcome {
    const { message, identifiers, eventId } = fresh;
    const plan = planIdentityResolution(identifiers, this.graph.candidates(fresh.matching), this.rules, {
      messageType: message.type,
    });
    // Only placeholders (or a lone group id): no one to attribute it to, and a profile per such
    // message would flood the customer list with one-event strangers.
    if (
      plan.kind === 'create' &&
      !plan.attach.some((identifier) => this.matchingTypes.has(identifier.type))
    ) {
      this.attributions.push({
        eventId,
        profileId: null,
        identifiers,
        unlinked: unlinkedOf(fresh, plan.dropped),
        processedSeq,
      });
      this.busEvents.push(messageProcessed(fresh, null));
      return { kind: 'unattributed', eventId };
    }

    const target =
      plan.kind === 'create'
        ? this.graph.create(randomUUID(), microsecondInstant(this.nowMicros + this.created++))
        : this.graph.profiles.get(plan.kind === 'attach' ? plan.profileId : plan.survivorId)!;
    this.attributions.push({
      eventId,
      profileId: target.id,
      identifiers,
      unlinked: unlinkedOf(fresh, plan.dropped),
      processedSeq,
    });
    target.eventCount += 1;
    let state = target.state;
    if (plan.kind === 'create') {
      this.busEvents.push(profileCreated(target.id, message));
    } else if (plan.kind === 'merge') {
      const mergeIds: string[] = [];
      for (const absorbedId of plan.absorbedIds) {
        const absorbed = this.graph.profiles.get(absorbedId)!;
        const id = randomUUID();
        mergeIds.push(id);
        this.merges.push({
          id,
          survivorId: target.id,
          absorbedId,
          triggerMessageId: message.messageId,
          triggerEventId: eventId,
          processedSeq,
          rule: plan.rule,
          absorbedState: this.snapshot(absorbed),
        });
        absorbed.mergedInto = target.id;
        this.graph.moveAll(absorbedId, target.id);
        target.eventCount += absorbed.eventCount;
        state = mergeProfileStates(state, absorbed.state, this.strategies);
      }
      this.busEvents.push(
        profilesMerged(target.id, { absorbedIds: plan.absorbedIds, mergeIds, rule: plan.rule }, message),
      );
    }
    this.graph.attach(target.id, plan.attach, message.timestamp, eventId);
    target.state = applyMessage(state, message, this.strategies);
    target.saved = true;
    this.busEvents.push(messageProcessed(fresh, target.id));
    return {
      kind: 'processed',
      eventId,
      profileId: target.id,
      created: plan.kind === 'create',
      absorbedIds: plan.kind === 'merge' ? plan.absorbedIds : [],
    };
  }

  /** The absorbed profile's row and identities as they are at this point of the batch. */
  private snapshot(profile: WorkingProfile): AbsorbedSnapshot {
    return {
      profile: {
        id: profile.id,
        state: profile.state,
        traits: traitValues(profile.state),
        firstSeenAt: profile.state.firstSeenAt,
        lastSeenAt: profile.state.lastSeenAt,
        eventCount: profile.eventCount,
        createdAt: profile.createdAt,
        updatedAt: profile.updatedAt,
      },
      identities: this.graph
        .identitiesOf(profile.id)
        .map((row): StoredIdentity => ({
          profileId: row.profileId,
          type: row.type,
          value: row.value,
          firstSeenAt: row.firstSeenAt,
          addedByEventId: row.addedByEventId,
        }))
        .sort((a, b) => compareText(a.type, b.type) || compareText(a.value, b.value)),
    };
  }
}

/** An ISO instant with microseconds (what a timestamptz holds), from microseconds since the epoch. */
function microsecondInstant(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString();
  const fraction = String(micros - millis * 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${fraction}Z`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unlinkedOf(fresh: FreshMessage, dropped: readonly Identifier[]): UnlinkedIdentifier[] {
  if (fresh.blocked.length === 0 && dropped.length === 0) return [];
  return [
    ...fresh.blocked.map(({ type, value }) => ({ type, value, reason: 'blocked' as const })),
    ...dropped.map(({ type, value }) => ({ type, value, reason: 'limit' as const })),
  ];
}
