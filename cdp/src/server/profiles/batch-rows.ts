import { traitValues } from '../../domain/index.ts';
import type { FreshMessage } from './batch-message.ts';
import type { BatchRun } from './batch-resolution.ts';
import type { BatchRows } from './batch-write-statement.ts';
import { toStoredColumns } from './stored-message.ts';
import type { WorkingProfile } from './working-graph.ts';

/**
 * The rows a resolved batch writes (see writeBatchRows): its new and changed profiles with the state
 * and the event count inputs of each, its identity changes, the event rows it stores (already
 * attributed), the attribution of those stored early, and its merge records.
 */
export function batchRowsOf(run: BatchRun, toStore: readonly FreshMessage[]): BatchRows {
  const profiles = [...run.graph.profiles.values()];
  const attribution = new Map(run.attributions.map((row) => [row.eventId, row]));
  const storing = new Set(toStore.map((message) => message.eventId));
  // Who ends up in whose tree: a profile's own id, and those merged into it during this batch
  // (their older trees come along; the statement finds those in the database).
  const survivorOf = (profile: WorkingProfile): WorkingProfile[] => {
    const chain = [profile];
    for (let next = profile.mergedInto; next !== null;) {
      const survivor = run.graph.profiles.get(next)!;
      chain.push(survivor);
      next = survivor.mergedInto;
    }
    return chain;
  };
  const roots = new Map<string, string[]>();
  for (const profile of profiles) {
    for (const holder of survivorOf(profile))
      roots.set(holder.id, [...(roots.get(holder.id) ?? []), profile.id]);
  }
  const attributedTo = new Map<string, number>();
  for (const row of run.attributions) {
    if (row.profileId !== null) attributedTo.set(row.profileId, (attributedTo.get(row.profileId) ?? 0) + 1);
  }
  const state = (profile: WorkingProfile) => {
    const own = roots.get(profile.id) ?? [profile.id];
    return {
      state: profile.state,
      traits: traitValues(profile.state),
      first_seen_at: profile.state.firstSeenAt,
      last_seen_at: profile.state.lastSeenAt,
      roots: own,
      batch_events: own.reduce((sum, id) => sum + (attributedTo.get(id) ?? 0), 0),
    };
  };
  return {
    created: profiles
      .filter((profile) => profile.isNew)
      .map((profile) => ({
        id: profile.id,
        created_at: profile.createdAt,
        merged_into: profile.mergedInto,
        ...state(profile),
      })),
    updated: profiles
      .filter(
        (profile) => !profile.isNew && (profile.saved || profile.mergedInto !== profile.storedMergedInto),
      )
      .map((profile) => ({
        id: profile.id,
        saved: profile.saved,
        merged_into: profile.mergedInto,
        ...(profile.saved ? state(profile) : { roots: [] as string[], batch_events: 0 }),
      })),
    ...run.graph.identityChanges(),
    events: toStore.map((message) => {
      const { profileId, identifiers, unlinked, processedSeq } = attribution.get(message.eventId)!;
      return {
        ...toStoredColumns(message.message),
        id: message.eventId,
        source_id: message.sourceId,
        timestamp: message.message.timestamp,
        received_at: message.receivedAt,
        profile_id: profileId,
        identifiers: identifiers.map(({ type, value }) => ({ type, value })),
        unlinked: unlinked.length > 0 ? unlinked : null,
        processed_seq: processedSeq,
      };
    }),
    attributed: run.attributions
      .filter((row) => !storing.has(row.eventId))
      .map((row) => ({
        id: row.eventId,
        profile_id: row.profileId,
        identifiers: row.identifiers.map(({ type, value }) => ({ type, value })),
        unlinked: row.unlinked.length > 0 ? row.unlinked : null,
        processed_seq: row.processedSeq,
      })),
    merges: run.merges.map((merge) => ({
      id: merge.id,
      survivor_id: merge.survivorId,
      absorbed_id: merge.absorbedId,
      trigger_message_id: merge.triggerMessageId,
      trigger_event_id: merge.triggerEventId,
      processed_seq: merge.processedSeq,
      rule: merge.rule,
      absorbed_state: merge.absorbedState,
    })),
  };
}
