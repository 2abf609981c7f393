import type { EventCondition, SegmentRule } from './segment-rule.ts';

/** Every event condition of a rule, in order, however deeply nested. */
export function eventConditionsOf(rule: SegmentRule): EventCondition[] {
  if ('and' in rule) return rule.and.flatMap(eventConditionsOf);
  if ('or' in rule) return rule.or.flatMap(eventConditionsOf);
  if ('not' in rule) return eventConditionsOf(rule.not);
  return 'event' in rule ? [rule] : [];
}

/** Whether the rule counts events at all (its SQL then needs the profile's merge tree). */
export function usesEvents(rule: SegmentRule): boolean {
  return eventConditionsOf(rule).length > 0;
}

/**
 * Whether membership can change by time passing alone: an event condition with a window ("in the last
 * 7 days") stops holding when its events age out, without any new event. Such segments are swept.
 */
export function hasTimeWindow(rule: SegmentRule): boolean {
  return eventConditionsOf(rule).some((condition) => condition.withinDays !== undefined);
}
