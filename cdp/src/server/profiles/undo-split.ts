import type { IdentityType } from '../../contracts/index.ts';
import { identifierKey, type Identifier } from '../../domain/index.ts';
import type { AttributedEvent } from './event-repository.ts';
import type { StoredIdentity } from './identity-repository.ts';

export interface UndoSplitInput {
  /** The absorbed profile's identities at merge time (the snapshot). */
  absorbedIdentities: readonly Identifier[];
  /** The survivor's identities now, with the event that added each. */
  survivorIdentities: readonly StoredIdentity[];
  /** Events attributed directly to the survivor after the merge, in processing order. */
  eventsAfterMerge: readonly AttributedEvent[];
  /** Identity types that identify a person (group ids are shared by colleagues and decide nothing). */
  matchingTypes: ReadonlySet<IdentityType>;
}

export interface UndoSplit {
  /** Events that go back to the absorbed profile. */
  eventIds: number[];
  /** Identities of the survivor, beyond the snapshot, that go with those events. */
  identities: Identifier[];
}

/**
 * Decides, for an undo, which of the survivor's post-merge events belong to the absorbed side: those
 * that carry one of its identities and none of the survivor's (an event carrying both stays, as the
 * triggering message does). Identities first added by post-merge events are undecided until an event
 * carrying them is assigned; they follow that event's side — so a new anonymous id seen only in the
 * absorbed person's later events goes back with them, and later events carrying it follow too.
 */
export function splitForUndo(input: UndoSplitInput): UndoSplit {
  const snapshot = new Set(input.absorbedIdentities.map(identifierKey));
  const afterMerge = new Set(input.eventsAfterMerge.map((event) => event.id));
  const absorbedSide = new Set(snapshot);
  const survivorSide = new Set<string>();
  const undecided = new Set<string>();
  for (const identity of input.survivorIdentities) {
    const key = identifierKey(identity);
    if (snapshot.has(key)) continue;
    if (identity.addedByEventId !== null && afterMerge.has(identity.addedByEventId)) undecided.add(key);
    else survivorSide.add(key);
  }

  const eventIds: number[] = [];
  for (const event of input.eventsAfterMerge) {
    const keys = event.identifiers.map(identifierKey);
    const identifying = event.identifiers
      .filter((identifier) => input.matchingTypes.has(identifier.type))
      .map(identifierKey);
    const toAbsorbed =
      identifying.some((key) => absorbedSide.has(key)) && !identifying.some((key) => survivorSide.has(key));
    const side = toAbsorbed ? absorbedSide : survivorSide;
    for (const key of keys) {
      if (undecided.delete(key)) side.add(key);
    }
    if (toAbsorbed) eventIds.push(event.id);
  }

  const identities = input.survivorIdentities
    .filter((identity) => !snapshot.has(identifierKey(identity)) && absorbedSide.has(identifierKey(identity)))
    .map(({ type, value }) => ({ type, value }));
  return { eventIds, identities };
}
