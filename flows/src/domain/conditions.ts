import { z } from 'zod';
import { readPath, type EvaluationScope } from './evaluation-scope.ts';
import { shownAsText } from './form-text-fields.ts';

export const CONDITION_OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'notExists',
  'in',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/**
 * What a rule compares with: any JSON scalar, so an API client may send `100` or `true`. The editor
 * types it as text; `"100"` and `100` compare alike (see `looselyEqual` and `compareOrdered`).
 */
export const RuleValueSchema = shownAsText(z.union([z.string().max(1000), z.number(), z.boolean()]), 1000);
export type RuleValue = z.infer<typeof RuleValueSchema>;

/**
 * One comparison. `value` is compared as a number when both sides are numbers, as an instant when
 * both are ISO dates (gt/lt…), as text otherwise. `in` uses `values`.
 */
export const ConditionRuleSchema = z.object({
  path: z.string().trim().min(1).max(300).describe('e.g. event.properties.plan or profile.traits.country'),
  operator: z.enum(CONDITION_OPERATORS).default('equals'),
  value: RuleValueSchema.optional(),
  values: z.array(RuleValueSchema).max(100).optional(),
});
export type ConditionRule = z.infer<typeof ConditionRuleSchema>;

const MatchSchema = z.enum(['all', 'any']).default('all').describe('all = AND, any = OR');

/** Nested groups go one level deep: enough for (a AND b) OR (c AND d), and a form any editor can draw. */
export const ConditionSubgroupSchema = z.object({
  match: MatchSchema,
  rules: z.array(ConditionRuleSchema).max(50).default([]),
});

export const ConditionGroupSchema = z.object({
  match: MatchSchema,
  rules: z.array(ConditionRuleSchema).max(50).default([]),
  groups: z.array(ConditionSubgroupSchema).max(20).default([]),
});
export type ConditionGroup = z.infer<typeof ConditionGroupSchema>;
type ConditionSubgroup = z.infer<typeof ConditionSubgroupSchema>;

/** An empty group is true (no filter). */
export function evaluateConditionGroup(
  group: ConditionGroup | ConditionSubgroup,
  scope: EvaluationScope,
): boolean {
  const results = [
    ...group.rules.map((rule) => evaluateRule(rule, scope)),
    ...('groups' in group ? group.groups : []).map((subgroup) => evaluateConditionGroup(subgroup, scope)),
  ];
  if (results.length === 0) return true;
  return group.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

export function evaluateRule(rule: ConditionRule, scope: EvaluationScope): boolean {
  const actual = readPath(scope, rule.path);
  const expected = rule.value ?? '';
  switch (rule.operator) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'notExists':
      return actual === undefined || actual === null || actual === '';
    case 'equals':
      return looselyEqual(actual, expected);
    case 'notEquals':
      return !looselyEqual(actual, expected);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, expected));
      return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
    case 'startsWith':
      return typeof actual === 'string' && actual.toLowerCase().startsWith(String(expected).toLowerCase());
    case 'in':
      return (rule.values ?? []).some((candidate) => looselyEqual(actual, candidate));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = compareOrdered(actual, expected);
      if (order === undefined) return false;
      if (rule.operator === 'gt') return order > 0;
      if (rule.operator === 'gte') return order >= 0;
      if (rule.operator === 'lt') return order < 0;
      return order <= 0;
    }
  }
}

/** Values of any JSON type, text from the editor among them: `"42"` equals 42, `"true"` equals true. */
export function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === undefined || actual === null) return expected === '' || expected === null;
  const actualNumber = asNumber(actual);
  const expectedNumber = asNumber(expected);
  if (actualNumber !== undefined && expectedNumber !== undefined) return actualNumber === expectedNumber;
  if (typeof actual === 'object' || typeof expected === 'object') {
    return JSON.stringify(actual) === JSON.stringify(expected);
  }
  return String(actual) === String(expected);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim())
  ) {
    return Number(value);
  }
  return undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[-+]\d{2}:?\d{2})?)?$/;

function asInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : time;
}

/** Numbers with numbers, ISO dates with ISO dates; anything else is not ordered (the rule is false). */
function compareOrdered(actual: unknown, expected: RuleValue): number | undefined {
  const actualNumber = asNumber(actual);
  const expectedNumber = asNumber(expected);
  if (actualNumber !== undefined && expectedNumber !== undefined)
    return Math.sign(actualNumber - expectedNumber);
  const actualInstant = asInstant(actual);
  const expectedInstant = asInstant(expected);
  if (actualInstant !== undefined && expectedInstant !== undefined)
    return Math.sign(actualInstant - expectedInstant);
  return undefined;
}

/**
 * Equality filters on an event's properties (`logic.waitForEvent`, the server's event matching):
 * every listed property must be loosely equal (see `looselyEqual`); dotted names reach nested fields.
 */
export function eventMatchesProperties(
  properties: Record<string, unknown>,
  expected: Record<string, unknown> | undefined,
): boolean {
  if (!expected) return true;
  return Object.entries(expected).every(([path, value]) => looselyEqual(readPath(properties, path), value));
}
