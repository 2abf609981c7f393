import { describe, expect, it } from 'vitest';
import {
  countMatchingEvents,
  evaluateSegmentRule,
  windowStart,
  type ProfileEventFact,
} from './evaluate-segment-rule.ts';
import { EventConditionSchema, SegmentRuleSchema } from './segment-rule.ts';

const now = new Date('2024-06-10T12:00:00.000Z');
const rule = (input: unknown) => SegmentRuleSchema.parse(input);
const order = (timestamp: string, properties: Record<string, unknown> | null = null): ProfileEventFact => ({
  event: 'Order Completed',
  timestamp,
  properties,
});

describe('windowStart', () => {
  it('is exactly D × 24 hours before now, whatever the calendar does', () => {
    expect(windowStart(now, 7)).toBe('2024-06-03T12:00:00.000Z');
    // Across the EU daylight-saving change (2024-03-31): still 24 h a day.
    expect(windowStart(new Date('2024-04-02T00:00:00.000Z'), 3)).toBe('2024-03-30T00:00:00.000Z');
  });
});

describe('evaluateSegmentRule', () => {
  const traits = { plan: 'Pro', seats: 12, country: 'DE', tags: ['vip'], address: { city: 'Berlin' } };
  const matches = (input: unknown, events: ProfileEventFact[] = []) =>
    evaluateSegmentRule(rule(input), traits, events, now);

  it('combines conditions with AND, OR and NOT', () => {
    const pro = { trait: 'plan', op: 'eq', value: 'pro' };
    const free = { trait: 'plan', op: 'eq', value: 'free' };
    const big = { trait: 'seats', op: 'gte', value: 10 };
    expect(matches({ and: [pro, big] })).toBe(true);
    expect(matches({ and: [pro, free] })).toBe(false);
    expect(matches({ or: [free, big] })).toBe(true);
    expect(matches({ or: [free, { not: big }] })).toBe(false);
    expect(matches({ not: free })).toBe(true);
    expect(matches({ not: { not: pro } })).toBe(true);
    expect(matches({ and: [{ or: [free, pro] }, { not: { and: [free, big] } }] })).toBe(true);
    expect(matches({ trait: 'address.city', op: 'eq', value: 'berlin' })).toBe(true);
  });

  it('matches everyone with an empty AND and no one with an empty OR', () => {
    expect(matches({ and: [] })).toBe(true);
    expect(matches({ or: [] })).toBe(false);
    expect(matches({ not: { or: [] } })).toBe(true);
  });

  it('treats a missing trait as not existing, so only negations hold for it', () => {
    expect(matches({ trait: 'company', op: 'exists' })).toBe(false);
    expect(matches({ trait: 'company', op: 'eq', value: 'Acme' })).toBe(false);
    expect(matches({ trait: 'company', op: 'neq', value: 'Acme' })).toBe(true);
    expect(matches({ trait: 'company', op: 'not_contains', value: 'Acme' })).toBe(true);
    expect(matches({ trait: 'company', op: 'lt', value: 5 })).toBe(false);
  });

  it('counts events within the last D days, the first instant of the window included', () => {
    const condition = { event: 'Order Completed', atLeast: 2, withinDays: 7 };
    const boundary = '2024-06-03T12:00:00.000Z';
    expect(matches(condition, [order(boundary), order('2024-06-09T00:00:00Z')])).toBe(true);
    // One microsecond earlier is outside.
    expect(matches(condition, [order('2024-06-03T11:59:59.999999Z'), order('2024-06-09T00:00:00Z')])).toBe(
      false,
    );
    // The same instant written with another offset is the same instant.
    expect(matches(condition, [order('2024-06-03T14:00:00+02:00'), order('2024-06-09T00:00:00Z')])).toBe(
      true,
    );
    // Once now moves on by a millisecond the boundary event ages out.
    const later = new Date(now.getTime() + 1);
    expect(
      evaluateSegmentRule(rule(condition), {}, [order(boundary), order('2024-06-09T00:00:00Z')], later),
    ).toBe(false);
  });

  it('counts all time without a window, and only events of that name', () => {
    const events = [
      order('2020-01-01T00:00:00Z'),
      { event: 'Order Refunded', timestamp: '2024-06-10T00:00:00Z', properties: null },
      { event: null, timestamp: '2024-06-10T00:00:00Z', properties: null },
    ];
    expect(matches({ event: 'Order Completed' }, events)).toBe(true);
    expect(matches({ event: 'Order Completed', withinDays: 30 }, events)).toBe(false);
    expect(matches({ event: 'order completed' }, events)).toBe(false);
    expect(matches({ event: 'Order Completed', atLeast: 2 }, events)).toBe(false);
  });

  it('expresses "did not" with NOT', () => {
    const inactive = { not: { event: 'Order Completed', withinDays: 30 } };
    expect(matches(inactive, [])).toBe(true);
    expect(matches(inactive, [order('2024-06-01T00:00:00Z')])).toBe(false);
  });

  it('filters the counted events by their properties', () => {
    const events = [
      order('2024-06-09T00:00:00Z', { total: 150, currency: 'EUR' }),
      order('2024-06-09T01:00:00Z', { total: 20, currency: 'EUR' }),
      order('2024-06-09T02:00:00Z', null),
    ];
    const big = EventConditionSchema.parse({
      event: 'Order Completed',
      where: [
        { property: 'total', op: 'gte', value: 100 },
        { property: 'currency', op: 'eq', value: 'eur' },
      ],
    });
    expect(countMatchingEvents(big, events, now)).toBe(1);
    expect(
      matches({ event: 'Order Completed', atLeast: 2, where: [{ property: 'total', op: 'exists' }] }, events),
    ).toBe(true);
    expect(
      matches(
        { event: 'Order Completed', atLeast: 3, where: [{ property: 'coupon', op: 'not_exists' }] },
        events,
      ),
    ).toBe(true);
  });
});
