import { describe, expect, it } from 'vitest';
import { entryDecision } from './entry-rules.ts';
import { isGoalEvent } from './goals.ts';

const now = new Date('2026-03-10T12:00:00Z');
const never = { lastEnteredAt: null, count: 0 };
const fiveDaysAgo = { lastEnteredAt: new Date('2026-03-05T12:00:00Z'), count: 2 };

describe('entryDecision', () => {
  it('lets every entry in for everyTime', () => {
    expect(entryDecision({ mode: 'everyTime' }, fiveDaysAgo, now)).toEqual({ allowed: true });
  });

  it('lets a profile in once for oncePerProfile', () => {
    expect(entryDecision({ mode: 'oncePerProfile' }, never, now)).toEqual({ allowed: true });
    expect(entryDecision({ mode: 'oncePerProfile' }, fiveDaysAgo, now)).toEqual({
      allowed: false,
      reason: expect.stringContaining('already'),
    });
  });

  it('lets a profile in again once the interval has passed', () => {
    expect(entryDecision({ mode: 'oncePerInterval', days: 7 }, never, now)).toEqual({ allowed: true });
    const denied = entryDecision({ mode: 'oncePerInterval', days: 7 }, fiveDaysAgo, now);
    expect(denied).toEqual({ allowed: false, reason: expect.stringContaining('2026-03-12T12:00:00.000Z') });
    expect(entryDecision({ mode: 'oncePerInterval', days: 5 }, fiveDaysAgo, now)).toEqual({ allowed: true });
  });
});

describe('isGoalEvent', () => {
  it('matches the goal event by name', () => {
    expect(isGoalEvent({ goal: { event: 'Booking Created' } }, { event: 'Booking Created' })).toBe(true);
    expect(isGoalEvent({ goal: { event: 'Booking Created' } }, { event: 'Page Viewed' })).toBe(false);
    expect(isGoalEvent({ goal: null }, { event: 'Booking Created' })).toBe(false);
  });
});
