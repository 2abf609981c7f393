import { recordAudit } from '@orchestrator/shared/audit';
import type { Outbox } from '@orchestrator/shared/bus';
import { ConflictError, NotFoundError } from '@orchestrator/shared/errors';
import type { Database, Tx } from '@orchestrator/shared/ports';
import type { Merge } from '../../contracts/index.ts';
import { EventRepository } from './event-repository.ts';
import { IdentityRepository } from './identity-repository.ts';
import { IdentityRulesRepository } from './identity-rules-repository.ts';
import { MergeRepository, toMerge, type MergeRecord } from './merge-repository.ts';
import { profileBusMessage } from '../../contracts/profile-bus-events.ts';
import { recomputeProfile } from './profile-recomputation.ts';
import { ProfileRepository, type ProfileRecord } from './profile-repository.ts';
import { TraitDefinitionRepository } from './trait-definition-repository.ts';
import { splitForUndo } from './undo-split.ts';

export interface UndoActor {
  userId?: string;
  apiKeyId?: string;
  requestId?: string;
}

export interface UndoneMerge {
  merge: Merge;
  survivorId: string;
  absorbedId: string;
}

/**
 * Splits a merge again: the absorbed profile comes back with the identities it had, its own events,
 * and the survivor's later events that carry its identities (the triggering message stays with the
 * survivor); then both profiles are recomputed from their events, so each ends up exactly as if the
 * merge had not happened. Runs in one transaction with both profile rows locked, which the processor
 * also locks before touching them, so no message can interleave.
 */
export class MergeUndo {
  private readonly merges = new MergeRepository();
  private readonly profiles = new ProfileRepository();
  private readonly identities = new IdentityRepository();
  private readonly events = new EventRepository();
  private readonly traitDefinitions = new TraitDefinitionRepository();
  private readonly identityRules = new IdentityRulesRepository();

  constructor(
    private readonly database: Database,
    private readonly outbox: Outbox,
  ) {}

  async undo(tenantId: string, mergeId: string, actor: UndoActor = {}): Promise<UndoneMerge> {
    return this.database.tenantTx(tenantId, async (tx) => {
      const merge = await this.merges.lockById(tx, mergeId);
      if (!merge) throw new NotFoundError('No such merge');
      const { survivorId, absorbedId } = merge;
      const locked = new Map((await this.profiles.lock(tx, [survivorId, absorbedId])).map((p) => [p.id, p]));
      await this.assertUndoable(tx, merge, locked.get(survivorId)!, locked.get(absorbedId)!);

      const split = splitForUndo({
        absorbedIdentities: merge.absorbedState.identities,
        survivorIdentities: await this.identities.ofProfiles(tx, [survivorId]),
        eventsAfterMerge:
          merge.processedSeq === null
            ? []
            : await this.events.attributedAfter(tx, survivorId, merge.processedSeq),
        // The workspace's rules now: an event goes back with an identifier that links events today.
        matchingTypes: new Set((await this.identityRules.get(tx)).rules.matching),
      });
      await this.profiles.restore(tx, absorbedId);
      await this.identities.giveBack(tx, tenantId, survivorId, absorbedId, merge.absorbedState.identities);
      await this.identities.move(tx, survivorId, absorbedId, split.identities);
      await this.events.reattribute(tx, split.eventIds, absorbedId);

      const strategies = await this.traitDefinitions.strategies(tx);
      await recomputeProfile(tx, survivorId, strategies);
      await recomputeProfile(tx, absorbedId, strategies);
      const undone = await this.merges.markUndone(tx, mergeId);

      await recordAudit(tx, {
        tenantId,
        actorUserId: actor.userId,
        actorApiKeyId: actor.apiKeyId,
        action: 'cdp.merge.undone',
        targetType: 'cdp_merge',
        targetId: mergeId,
        details: { survivorId, absorbedId, eventsMoved: split.eventIds.length },
        requestId: actor.requestId,
      });
      await this.outbox.enqueue(tx, tenantId, [
        profileBusMessage(tenantId, {
          type: 'Merge Undone',
          profileId: survivorId,
          restoredId: absorbedId,
          mergeId,
        }),
      ]);
      return { merge: toMerge(undone), survivorId, absorbedId };
    });
  }

  /** 409 unless this merge is the live link between the two (undo later merges first). */
  private async assertUndoable(
    tx: Tx,
    merge: MergeRecord,
    survivor: ProfileRecord,
    absorbed: ProfileRecord,
  ): Promise<void> {
    if (merge.undoneAt !== null)
      throw new ConflictError(`This merge was already undone at ${merge.undoneAt}`);
    if (survivor.mergedInto !== null) {
      const later = await this.merges.absorbing(tx, survivor.id);
      throw new ConflictError(
        `Profile ${survivor.id} was merged into profile ${survivor.mergedInto} afterwards` +
          (later ? ` (merge ${later.id})` : '') +
          '; undo that merge first',
      );
    }
    if (absorbed.mergedInto !== survivor.id) {
      throw new ConflictError(`Profile ${absorbed.id} is no longer merged into profile ${survivor.id}`);
    }
  }
}
