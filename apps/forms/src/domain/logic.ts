import type { FieldError } from '@orchestrator/shared/errors';
import {
  JUMP_TO_END,
  type ConditionOperator,
  type ConditionValue,
  type Field,
  type Logic,
  type LogicCondition,
  type LogicRule,
} from '../contracts/index.ts';

/** Answers by field id, as the logic reads them (already normalized: no null, "" or []). */
export type Answers = Readonly<Record<string, unknown>>;

const VALUELESS: readonly ConditionOperator[] = ['is_empty', 'is_not_empty'];
const ORDERING: readonly ConditionOperator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];

export function isEmptyAnswer(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

const fold = (value: unknown): string => String(value).trim().toLocaleLowerCase('en');

/** Numbers as numbers, numeric strings as numbers, ISO dates as epoch milliseconds; else undefined. */
function comparable(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

function equals(answer: unknown, value: ConditionValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof answer === 'boolean' || typeof value === 'boolean') {
    const asBoolean = (raw: unknown) =>
      typeof raw === 'boolean'
        ? raw
        : ['true', 'yes'].includes(fold(raw))
          ? true
          : ['false', 'no'].includes(fold(raw))
            ? false
            : undefined;
    return asBoolean(answer) !== undefined && asBoolean(answer) === asBoolean(value);
  }
  const left = comparable(answer);
  const right = comparable(value);
  if (left !== undefined && right !== undefined && typeof answer === 'number') return left === right;
  return fold(answer) === fold(value);
}

/** Whether one condition holds for `answer` (the answer of the rule's field). */
export function evaluateCondition(condition: LogicCondition, answer: unknown): boolean {
  const { operator, value } = condition;
  const empty = isEmptyAnswer(answer);
  switch (operator) {
    case 'is_empty':
      return empty;
    case 'is_not_empty':
      return !empty;
    case 'is':
      if (empty) return false;
      return Array.isArray(answer) ? answer.some((item) => equals(item, value)) : equals(answer, value);
    case 'is_not':
      if (empty) return true;
      return Array.isArray(answer) ? !answer.some((item) => equals(item, value)) : !equals(answer, value);
    case 'contains':
    case 'not_contains': {
      if (value === undefined) return false;
      const needle = fold(value);
      const found = empty
        ? false
        : Array.isArray(answer)
          ? answer.some((item) => fold(item) === needle)
          : fold(answer).includes(needle);
      return operator === 'contains' ? found : !found;
    }
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const left = comparable(answer);
      const right = comparable(value);
      if (left === undefined || right === undefined) return operator === 'neq' && !empty;
      switch (operator) {
        case 'eq':
          return left === right;
        case 'neq':
          return left !== right;
        case 'gt':
          return left > right;
        case 'gte':
          return left >= right;
        case 'lt':
          return left < right;
        case 'lte':
          return left <= right;
      }
    }
  }
  return false;
}

export function ruleMatches(rule: Pick<LogicRule, 'match' | 'conditions'>, answer: unknown): boolean {
  const results = rule.conditions.map((condition) => evaluateCondition(condition, answer));
  return rule.match === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/**
 * The fields a respondent with these answers visits, in order (screens included). Starts at the first
 * field; after each field, the first of its rules that matches decides: jump forward to its target, or
 * stop (`end`). Reaching a thank-you screen ends the form. Backward, self and unknown targets are ignored
 * (`validateLogic` refuses them when the form is saved), so the walk always terminates.
 */
export function visitedPath(fields: readonly Field[], logic: Logic, answers: Answers): string[] {
  const indexOf = new Map(fields.map((field, index) => [field.id, index]));
  const rulesOf = new Map<string, LogicRule[]>();
  for (const rule of logic) rulesOf.set(rule.fieldId, [...(rulesOf.get(rule.fieldId) ?? []), rule]);

  const path: string[] = [];
  let index = 0;
  while (index < fields.length) {
    const field = fields[index]!;
    path.push(field.id);
    if (field.kind === 'thank_you_screen') break;
    const rule = rulesOf.get(field.id)?.find((candidate) => ruleMatches(candidate, answers[field.id]));
    if (rule) {
      if (rule.action.to === JUMP_TO_END) break;
      const target = indexOf.get(rule.action.to);
      if (target !== undefined && target > index) {
        index = target;
        continue;
      }
    }
    index += 1;
  }
  return path;
}

const describe = (field: Field) => (field.title.trim() ? `"${field.title.trim()}"` : `field ${field.id}`);

/**
 * Refuses logic that could not run: rules on unknown fields, jumps to unknown fields, and — the point —
 * jumps that do not go forward (backward or to the rule's own field), which would allow loops.
 * Returns one error per problem, named `logic.<index>.…` and naming the rule.
 */
export function validateLogic(fields: readonly Field[], logic: Logic): FieldError[] {
  const errors: FieldError[] = [];
  const indexOf = new Map(fields.map((field, index) => [field.id, index]));
  const seenIds = new Set<string>();
  logic.forEach((rule, ruleIndex) => {
    const at = `logic.${ruleIndex}`;
    const name = `rule "${rule.id}"`;
    if (seenIds.has(rule.id)) errors.push({ field: `${at}.id`, message: `${name} is defined twice` });
    seenIds.add(rule.id);

    const source = indexOf.get(rule.fieldId);
    if (source === undefined) {
      errors.push({
        field: `${at}.fieldId`,
        message: `${name} belongs to no field of this form (${rule.fieldId})`,
      });
    }
    rule.conditions.forEach((condition, conditionIndex) => {
      const where = `${at}.conditions.${conditionIndex}.value`;
      if (VALUELESS.includes(condition.operator)) return;
      if (condition.value === undefined || condition.value === '') {
        errors.push({ field: where, message: `${name}: "${condition.operator}" needs a value` });
      } else if (ORDERING.includes(condition.operator) && comparable(condition.value) === undefined) {
        errors.push({ field: where, message: `${name}: "${condition.operator}" needs a number or a date` });
      }
    });

    const to = rule.action.to;
    if (to === JUMP_TO_END) return;
    const target = indexOf.get(to);
    if (target === undefined) {
      errors.push({ field: `${at}.action.to`, message: `${name} jumps to no field of this form (${to})` });
      return;
    }
    if (source === undefined) return;
    const from = fields[source]!;
    if (target === source) {
      errors.push({
        field: `${at}.action.to`,
        message: `${name} jumps from ${describe(from)} to itself; jumps may only go forward`,
      });
    } else if (target < source) {
      errors.push({
        field: `${at}.action.to`,
        message: `${name} jumps backwards from ${describe(from)} to ${describe(fields[target]!)}; jumps may only go forward`,
      });
    }
  });
  return errors;
}
