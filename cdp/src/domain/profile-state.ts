import type { NormalizedMessage } from '../contracts/segment-message.ts';
import { earliestInstant, latestInstant } from './instant.ts';
import { normalizeTraitValue, resolveTraitValues } from './trait-strategies.ts';
import type { TraitStrategy, TraitValue } from './trait-strategies.ts';

export { TraitStrategySchema } from './trait-strategies.ts';
export type { TraitStrategy, TraitValue } from './trait-strategies.ts';

/**
 * What a profile knows, as a join-semilattice: every field is reconciled by an order-independent rule,
 * so a profile's state is a pure function of the SET of messages it has seen. No counters: counts are
 * recomputed from stored events, because summing them on merge is how others double-count.
 */
export interface ProfileState {
  traits: Record<string, TraitValue>;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

export const EMPTY_PROFILE_STATE: ProfileState = Object.freeze({
  traits: Object.freeze({}),
  firstSeenAt: null,
  lastSeenAt: null,
});

/**
 * The trait group traits are kept under. A group call's traits describe the company (its `name`,
 * `email`, `plan`), so writing them over the person's traits would corrupt the person; Segment's
 * reserved identify trait `company` is the object made for them.
 */
export const GROUP_TRAITS_KEY = 'company';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The traits one message sets. `context.traits` first, then the message's own traits over them (the
 * explicit call is more deliberate than the context it travels with). A key that is missing or
 * `undefined` sets nothing; `null` sets null. Nested objects are single values, never deep-merged:
 * mixing the street of one address with the city of another creates an address that never existed.
 */
function traitsSetBy(message: NormalizedMessage): [string, unknown][] {
  const set = new Map<string, unknown>();
  const assign = (traits: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(traits ?? {})) if (value !== undefined) set.set(key, value);
  };
  assign(asRecord(asRecord(message.context)?.traits));
  if (message.type === 'identify') assign(asRecord(message.traits));
  if (message.type === 'group') {
    const companyTraits = asRecord(message.traits);
    // A group call without traits only records membership (the group_id identity), it does not
    // blank the company object that an earlier call described.
    if (companyTraits && Object.keys(companyTraits).length > 0) {
      set.set(GROUP_TRAITS_KEY, { ...companyTraits, id: message.groupId });
    }
  }
  return [...set];
}

function strategyOf(key: string, strategies: Record<string, TraitStrategy> | undefined): TraitStrategy {
  return (strategies && Object.hasOwn(strategies, key) ? strategies[key] : undefined) ?? 'latest';
}

/** The state of a profile that has seen only this message. */
export function profileStateOf(
  message: NormalizedMessage,
  strategies?: Record<string, TraitStrategy>,
): ProfileState {
  const traits = traitsSetBy(message).map(([key, value]): [string, TraitValue] => [
    key,
    normalizeTraitValue(
      { value, at: message.timestamp, messageId: message.messageId },
      strategyOf(key, strategies),
    ),
  ]);
  return {
    traits: Object.fromEntries(traits.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    firstSeenAt: message.timestamp,
    lastSeenAt: message.timestamp,
  };
}

/**
 * Merges two profiles' states; commutative and associative, so merge order never matters. A trait on
 * one side only is kept (never dropped for lack of a counterpart); on both sides it is resolved by its
 * strategy (default 'latest'). firstSeenAt is the earliest, lastSeenAt the latest. Keys come out sorted
 * so equal states also serialize identically.
 */
export function mergeProfileStates(
  a: ProfileState,
  b: ProfileState,
  strategies?: Record<string, TraitStrategy>,
): ProfileState {
  const keys = [...new Set([...Object.keys(a.traits), ...Object.keys(b.traits)])].sort();
  const traits = keys.map((key): [string, TraitValue] => {
    const strategy = strategyOf(key, strategies);
    const left = Object.hasOwn(a.traits, key) ? a.traits[key] : undefined;
    const right = Object.hasOwn(b.traits, key) ? b.traits[key] : undefined;
    if (left && right) return [key, resolveTraitValues(left, right, strategy)];
    return [key, normalizeTraitValue((left ?? right)!, strategy)];
  });
  return {
    // fromEntries defines own properties, so a trait named "__proto__" stays a trait.
    traits: Object.fromEntries(traits),
    firstSeenAt: earliestInstant(a.firstSeenAt, b.firstSeenAt),
    lastSeenAt: latestInstant(a.lastSeenAt, b.lastSeenAt),
  };
}

/**
 * Folds one message into a profile's state: identify traits, group traits (under `company`) and
 * context.traits, seen times from its timestamp. Defined as a merge with the message's own state, so
 * folding in any order, merging partial folds and redelivering a message all give the same result.
 * E-mail and phone stay traits even though they are also identifiers.
 */
export function applyMessage(
  state: ProfileState,
  message: NormalizedMessage,
  strategies?: Record<string, TraitStrategy>,
): ProfileState {
  return mergeProfileStates(state, profileStateOf(message, strategies), strategies);
}

/** Plain trait values, as stored for queries and shown in the UI. */
export function traitValues(state: ProfileState): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(state.traits)
      .sort()
      .map((key) => [key, state.traits[key]!.value]),
  );
}
