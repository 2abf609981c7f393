import { describe, expect, it } from 'vitest';
import {
  ConditionGroupSchema,
  ConditionRuleSchema,
  eventMatchesProperties,
  evaluateConditionGroup,
  evaluateRule,
  type ConditionRule,
} from './conditions.ts';
import type { EvaluationScope } from './evaluation-scope.ts';
import { flowEvent, profile } from './test-fixtures.ts';

const scope: EvaluationScope = {
  event: flowEvent('Order Completed', {
    plan: 'pro',
    total: 42.5,
    items: ['a', 'b'],
    paidAt: '2026-03-01T09:00:00Z',
    tags: [],
    empty: '',
    active: true,
  }),
  profile: profile({ email: 'ada@example.com', age: '37', country: 'FR' }),
  steps: { ai: { label: 'sales' } },
};

const rule = (
  path: string,
  operator: ConditionRule['operator'],
  value?: ConditionRule['value'],
  values?: ConditionRule['values'],
): ConditionRule => ({
  path,
  operator,
  ...(value === undefined ? {} : { value }),
  ...(values === undefined ? {} : { values }),
});

describe('condition rules', () => {
  it.each([
    [rule('event.properties.plan', 'equals', 'pro'), true],
    [rule('event.properties.plan', 'equals', 'Pro'), false],
    [rule('event.properties.plan', 'notEquals', 'free'), true],
    [rule('event.properties.total', 'equals', '42.50'), true],
    [rule('event.properties.active', 'equals', 'true'), true],
    [rule('event.properties.plan', 'contains', 'R'), true],
    [rule('event.properties.items', 'contains', 'b'), true],
    [rule('event.properties.items', 'contains', 'c'), false],
    [rule('profile.traits.email', 'startsWith', 'ADA@'), true],
    [rule('event.properties.total', 'gt', '42'), true],
    [rule('event.properties.total', 'gte', '42.5'), true],
    [rule('event.properties.total', 'lt', '42.5'), false],
    [rule('profile.traits.age', 'lte', '37'), true],
    [rule('event.properties.paidAt', 'gt', '2026-02-28'), true],
    [rule('event.properties.paidAt', 'lt', '2026-03-01T08:59:59Z'), false],
    [rule('event.properties.plan', 'gt', '3'), false],
    [rule('event.properties.plan', 'exists'), true],
    [rule('event.properties.empty', 'exists'), false],
    [rule('event.properties.missing', 'notExists'), true],
    [rule('profile.traits.country', 'in', undefined, ['DE', 'FR']), true],
    [rule('profile.traits.country', 'in', undefined, []), false],
    [rule('steps.ai.label', 'equals', 'sales'), true],
    [rule('event.constructor', 'exists'), false],
  ])('%o → %s', (condition, expected) => {
    expect(evaluateRule(condition, scope)).toBe(expected);
  });
});

describe('rule values of any JSON scalar', () => {
  // The same comparisons as typed text, so a value sent as 100 or true by the API behaves like "100" or "true".
  it.each([
    [rule('event.properties.total', 'gt', '42'), rule('event.properties.total', 'gt', 42), true],
    [rule('event.properties.total', 'lte', '42'), rule('event.properties.total', 'lte', 42), false],
    [rule('event.properties.total', 'equals', '42.5'), rule('event.properties.total', 'equals', 42.5), true],
    [rule('profile.traits.age', 'gte', '37'), rule('profile.traits.age', 'gte', 37), true],
    [rule('profile.traits.age', 'equals', '37'), rule('profile.traits.age', 'equals', 37), true],
    [rule('event.properties.plan', 'gt', '3'), rule('event.properties.plan', 'gt', 3), false],
    [rule('event.properties.items', 'contains', '1'), rule('event.properties.items', 'contains', 1), false],
    [
      rule('event.properties.active', 'equals', 'true'),
      rule('event.properties.active', 'equals', true),
      true,
    ],
    [
      rule('event.properties.active', 'equals', 'false'),
      rule('event.properties.active', 'equals', false),
      false,
    ],
    [
      rule('event.properties.active', 'notEquals', 'false'),
      rule('event.properties.active', 'notEquals', false),
      true,
    ],
    [rule('event.properties.active', 'gt', 'false'), rule('event.properties.active', 'gt', false), false],
    [rule('event.properties.plan', 'equals', 'pro'), rule('event.properties.plan', 'equals', 'pro'), true],
    [
      rule('profile.traits.age', 'in', undefined, ['36', '37']),
      rule('profile.traits.age', 'in', undefined, [36, 37]),
      true,
    ],
  ])('%o and %o → %s', (asText, asScalar, expected) => {
    expect(ConditionRuleSchema.parse(asScalar)).toEqual(asScalar);
    expect(evaluateRule(asText, scope)).toBe(expected);
    expect(evaluateRule(asScalar, scope)).toBe(expected);
  });

  it('accepts strings, numbers and booleans, and nothing else', () => {
    for (const value of ['100', 100, -0.5, true, false]) {
      expect(ConditionRuleSchema.safeParse({ path: 'event.properties.total', value }).success).toBe(true);
    }
    for (const value of [null, { amount: 1 }, [1], 'x'.repeat(1001)]) {
      expect(ConditionRuleSchema.safeParse({ path: 'event.properties.total', value }).success).toBe(false);
    }
  });
});

describe('condition groups', () => {
  const yes = rule('event.properties.plan', 'equals', 'pro');
  const no = rule('event.properties.plan', 'equals', 'free');

  it('combines with all / any and nested groups', () => {
    expect(evaluateConditionGroup({ match: 'all', rules: [yes, no], groups: [] }, scope)).toBe(false);
    expect(evaluateConditionGroup({ match: 'any', rules: [yes, no], groups: [] }, scope)).toBe(true);
    expect(
      evaluateConditionGroup(
        {
          match: 'any',
          rules: [no],
          groups: [{ match: 'all', rules: [yes, rule('profile.traits.country', 'equals', 'FR')] }],
        },
        scope,
      ),
    ).toBe(true);
    expect(
      evaluateConditionGroup({ match: 'all', rules: [yes], groups: [{ match: 'any', rules: [no] }] }, scope),
    ).toBe(false);
  });

  it('treats an empty group as no filter', () => {
    expect(evaluateConditionGroup(ConditionGroupSchema.parse({}), scope)).toBe(true);
  });
});

describe('event property filters', () => {
  it('compares loosely and reaches nested fields', () => {
    expect(
      eventMatchesProperties(
        { plan: 'pro', total: 3, page: { path: '/pricing' } },
        { total: '3', 'page.path': '/pricing' },
      ),
    ).toBe(true);
    expect(eventMatchesProperties({ plan: 'pro' }, { plan: 'free' })).toBe(false);
    expect(eventMatchesProperties({ plan: 'pro' }, undefined)).toBe(true);
  });
});
