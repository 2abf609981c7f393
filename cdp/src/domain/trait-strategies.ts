import { z } from 'zod';
import { canonicalJson, compareCanonical } from './canonical-json.ts';
import { compareInstants, compareInstantsStrictly } from './instant.ts';

/** How two values of one trait are reconciled, whichever profile or message they come from. */
export const TraitStrategySchema = z.enum(['latest', 'first', 'min', 'max', 'union']);
export type TraitStrategy = z.infer<typeof TraitStrategySchema>;

/** A trait's value with the event that set it, so later merges can still tell which is newer. */
export interface TraitValue {
  value: unknown;
  /** The event timestamp (not the arrival time). */
  at: string;
  messageId: string;
}

/**
 * Recency as a total order: event time, then messageId, then the value itself. Arrival order never
 * enters, which is what makes every strategy below independent of processing order.
 */
export function compareRecency(a: TraitValue, b: TraitValue): number {
  const byTime = compareInstants(a.at, b.at);
  if (byTime !== 0) return byTime;
  if (a.messageId !== b.messageId) return a.messageId < b.messageId ? -1 : 1;
  return compareCanonical(a.value, b.value) || compareInstantsStrictly(a.at, b.at);
}

/** Event time, then messageId, then the timestamp's spelling: a total order of stamps alone. */
function compareStamps(a: TraitValue, b: TraitValue): number {
  const byTime = compareInstants(a.at, b.at);
  if (byTime !== 0) return byTime;
  if (a.messageId !== b.messageId) return a.messageId < b.messageId ? -1 : 1;
  return compareInstantsStrictly(a.at, b.at);
}

const later = (a: TraitValue, b: TraitValue) => (compareRecency(a, b) >= 0 ? a : b);
const earlier = (a: TraitValue, b: TraitValue) => (compareRecency(a, b) <= 0 ? a : b);

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * min/max compare numbers only. A number always beats a non-number and two non-numbers fall back to
 * 'latest': a total order again, so the result is associative (a pairwise "latest when mixed" rule is
 * not, and would make the outcome depend on merge order).
 */
function extreme(a: TraitValue, b: TraitValue, pick: 'min' | 'max'): TraitValue {
  const aIsNumber = isNumber(a.value);
  const bIsNumber = isNumber(b.value);
  if (aIsNumber !== bIsNumber) return aIsNumber ? a : b;
  if (!aIsNumber || a.value === b.value) return later(a, b);
  const aIsSmaller = (a.value as number) < (b.value as number);
  return aIsSmaller === (pick === 'min') ? a : b;
}

/** A value as a set: arrays as they are, null/absent as empty, any other value as a one-element set. */
function asSet(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Deduplicated by deep equality and sorted by canonical JSON, so equal sets have one representation. */
export function sortedUnion(...values: unknown[]): unknown[] {
  const byCanonical = new Map<string, unknown>();
  for (const item of values.flatMap(asSet)) {
    const key = canonicalJson(item);
    if (!byCanonical.has(key)) byCanonical.set(key, item);
  }
  return [...byCanonical.keys()].sort().map((key) => byCanonical.get(key));
}

/**
 * Puts a single value into the shape its strategy keeps: 'union' stores sorted, deduplicated arrays;
 * every other strategy stores the value exactly as sent (a string stays a string).
 */
export function normalizeTraitValue(trait: TraitValue, strategy: TraitStrategy): TraitValue {
  return strategy === 'union' ? { ...trait, value: sortedUnion(trait.value) } : trait;
}

/**
 * Reconciles two values of one trait. Commutative, associative and idempotent for every strategy
 * (each is a "pick the best by a total order" or a set union), hence safe to apply in any order and
 * after redeliveries. Numbers are never added: a value is either chosen or, for 'union', collected.
 */
export function resolveTraitValues(
  a: TraitValue,
  b: TraitValue,
  strategy: TraitStrategy = 'latest',
): TraitValue {
  switch (strategy) {
    case 'latest':
      return later(a, b);
    case 'first':
      return earlier(a, b);
    case 'min':
    case 'max':
      return extreme(a, b, strategy);
    case 'union': {
      // The stamp of a union is the newest stamp, chosen without looking at values: the values being
      // compared are partial unions, which differ with the grouping, and would break associativity.
      const newest = compareStamps(a, b) >= 0 ? a : b;
      return { value: sortedUnion(a.value, b.value), at: newest.at, messageId: newest.messageId };
    }
  }
}
