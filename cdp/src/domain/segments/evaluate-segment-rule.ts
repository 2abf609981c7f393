import { compareInstants } from '../instant.ts';
import type { EventCondition, SegmentRule } from './segment-rule.ts';
import { matchesValueCondition, valueAtKey } from './value-conditions.ts';

/** One event of a profile (or of a profile merged into it), as far as segment rules look at it. */
export interface ProfileEventFact {
  /** The tracked event's name, or a page's or screen's name; null when it had none. */
  event: string | null;
  /** ISO 8601 instant. */
  timestamp: string;
  properties: Readonly<Record<string, unknown>> | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first instant inside "the last `days` days" at `now`: exactly `days` × 24 hours earlier (never
 * calendar days, so neither the server's zone nor daylight saving moves it). Inclusive.
 */
export function windowStart(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** How many of the events count for an event condition at `now`. */
export function countMatchingEvents(
  condition: EventCondition,
  events: readonly ProfileEventFact[],
  now: Date,
): number {
  const since = condition.withinDays === undefined ? undefined : windowStart(now, condition.withinDays);
  return events.filter(
    (fact) =>
      fact.event === condition.event &&
      (since === undefined || compareInstants(fact.timestamp, since) >= 0) &&
      (condition.where ?? []).every((filter) =>
        matchesValueCondition(valueAtKey(fact.properties, filter.property), filter.op, filter.value),
      ),
  ).length;
}

/**
 * Whether one profile belongs to a segment at `now`: the reference semantics of the rule language,
 * which the SQL compiler reproduces for whole tables (see value-conditions.ts for the comparisons).
 * `events` are those of the profile and of every profile merged into it.
 */
export function evaluateSegmentRule(
  rule: SegmentRule,
  traits: Readonly<Record<string, unknown>>,
  events: readonly ProfileEventFact[],
  now: Date,
): boolean {
  const evaluate = (node: SegmentRule): boolean => {
    if ('and' in node) return node.and.every(evaluate);
    if ('or' in node) return node.or.some(evaluate);
    if ('not' in node) return !evaluate(node.not);
    if ('trait' in node) return matchesValueCondition(valueAtKey(traits, node.trait), node.op, node.value);
    return countMatchingEvents(node, events, now) >= node.atLeast;
  };
  return evaluate(rule);
}
