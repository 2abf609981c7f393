import { describe, expect, it } from 'vitest';
import { hasTimeWindow, usesEvents } from './rule-analysis.ts';
import { measureRule, SEGMENT_RULE_LIMITS, SegmentRuleSchema, type SegmentRule } from './segment-rule.ts';

const problems = (input: unknown) =>
  SegmentRuleSchema.safeParse(input).error?.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));

describe('SegmentRuleSchema', () => {
  it('accepts nested groups, NOT, trait and event conditions, filling in atLeast', () => {
    const rule = SegmentRuleSchema.parse({
      and: [
        { trait: 'plan', op: 'eq', value: 'pro' },
        {
          or: [
            { trait: 'country', op: 'in', value: ['DE', 'FR'] },
            { not: { trait: 'email', op: 'exists' } },
          ],
        },
        { event: ' Order Completed ', withinDays: 30, where: [{ property: 'total', op: 'gte', value: 100 }] },
      ],
    });
    expect(rule).toEqual({
      and: [
        { trait: 'plan', op: 'eq', value: 'pro' },
        {
          or: [
            { trait: 'country', op: 'in', value: ['DE', 'FR'] },
            { not: { trait: 'email', op: 'exists' } },
          ],
        },
        {
          event: 'Order Completed',
          atLeast: 1,
          withinDays: 30,
          where: [{ property: 'total', op: 'gte', value: 100 }],
        },
      ],
    });
  });

  it('accepts empty groups (everyone / no one)', () => {
    expect(SegmentRuleSchema.parse({ and: [] })).toEqual({ and: [] });
    expect(SegmentRuleSchema.parse({ or: [] })).toEqual({ or: [] });
  });

  it.each([
    [{ trait: 'plan', op: 'eq' }, 'value', 'must be one string, number or true/false for eq'],
    [{ trait: 'plan', op: 'eq', value: ['a'] }, 'value', 'must be one string, number or true/false for eq'],
    [{ trait: 'plan', op: 'exists', value: 'x' }, 'value', 'must be left out for exists'],
    [{ trait: 'plan', op: 'in', value: 'pro' }, 'value', 'must be a list of values for in'],
    [{ trait: 'age', op: 'gt', value: true }, 'value', 'must be a number or a string for gt'],
    [{ trait: '', op: 'exists' }, 'trait', 'is required'],
    [{ trait: 'a\u0000b', op: 'exists' }, 'trait', 'must not contain NUL or unpaired surrogate characters'],
  ])('rejects the bad trait condition %j at %s', (input, path, message) => {
    expect(problems(input)).toEqual([{ path, message }]);
  });

  it('names the field of a nested problem instead of listing every shape it is not', () => {
    expect(problems({ and: [{ or: [{ trait: 'plan', op: 'equals', value: 'pro' }] }] })).toEqual([
      { path: 'and.0.or.0.op', message: expect.stringMatching(/^must be one of eq, neq,/) },
    ]);
    expect(problems({ and: [{ event: 'Signed Up', atLeast: 0 }] })).toEqual([
      { path: 'and.0.atLeast', message: expect.stringContaining('>=1') },
    ]);
    expect(problems({ nope: 1 })).toEqual([
      { path: '', message: expect.stringContaining('must be {and: [rules]}') },
    ]);
    expect(problems({ trait: 'plan', op: 'eq', value: 'pro', extra: 1 })?.[0]?.message).toMatch(/extra/);
  });

  it('rejects numbers that are not finite and windows out of range', () => {
    expect(problems({ event: 'X', withinDays: 0 })?.[0]?.path).toBe('withinDays');
    expect(problems({ event: 'X', withinDays: 1.5 })?.[0]?.path).toBe('withinDays');
    expect(problems({ event: 'X', withinDays: SEGMENT_RULE_LIMITS.maxWithinDays + 1 })?.[0]?.path).toBe(
      'withinDays',
    );
    expect(SegmentRuleSchema.safeParse({ trait: 'n', op: 'gt', value: Infinity }).success).toBe(false);
  });

  it('limits depth and size, also for hostile nesting that would exhaust the stack', () => {
    let deep: SegmentRule = { trait: 'x', op: 'exists' };
    for (let level = 1; level < SEGMENT_RULE_LIMITS.maxDepth; level++) deep = { not: deep };
    expect(measureRule(deep).depth).toBe(SEGMENT_RULE_LIMITS.maxDepth);
    expect(SegmentRuleSchema.safeParse(deep).success).toBe(true);
    expect(problems({ not: deep })).toEqual([{ path: '', message: 'nests deeper than 8 levels' }]);

    let hostile: unknown = { trait: 'x', op: 'exists' };
    for (let level = 0; level < 100_000; level++) hostile = { not: hostile };
    expect(problems(hostile)).toEqual([{ path: '', message: 'nests deeper than 8 levels' }]);

    const wide = { or: Array.from({ length: 50 }, () => ({ and: [{ trait: 'x', op: 'exists' }] })) };
    expect(measureRule(wide as SegmentRule).nodes).toBe(101);
    expect(problems(wide)).toEqual([
      { path: '', message: 'has 101 conditions and groups; at most 100 are allowed' },
    ]);
    expect(
      problems({ and: Array.from({ length: 51 }, () => ({ trait: 'x', op: 'exists' })) })?.[0]?.path,
    ).toBe('and');
  });
});

describe('rule analysis', () => {
  it('tells rules that count events, and those that change with time alone', () => {
    const windowed = SegmentRuleSchema.parse({ not: { or: [{ event: 'Login', withinDays: 7 }] } });
    const allTime = SegmentRuleSchema.parse({ and: [{ trait: 'plan', op: 'exists' }, { event: 'Login' }] });
    const traitsOnly = SegmentRuleSchema.parse({ trait: 'plan', op: 'exists' });
    expect([usesEvents(windowed), hasTimeWindow(windowed)]).toEqual([true, true]);
    expect([usesEvents(allTime), hasTimeWindow(allTime)]).toEqual([true, false]);
    expect([usesEvents(traitsOnly), hasTimeWindow(traitsOnly)]).toEqual([false, false]);
  });
});
