import type { ScalarValue, ValueOperator } from './segment-rule.ts';

/**
 * How one condition compares a JSON value (a trait, an event property) with its operand. The SQL
 * compiler implements exactly these semantics; a property test holds the two together.
 *
 * - A missing value and JSON null do not exist; every comparison with them is false, so `neq` and
 *   `not_contains` (the negations of `eq` and `contains`) are true for them.
 * - Types never convert: the number 42 does not equal the string "42".
 * - Strings are equal regardless of the case of ASCII letters (the same on every database locale).
 * - `contains` is a substring test on strings, and element equality on lists.
 * - `gt`/`gte`/`lt`/`lte` compare numbers numerically, strings by code point (so ISO dates in one
 *   format order by time); a value of the other type never matches.
 */
export function matchesValueCondition(value: unknown, op: ValueOperator, operand: unknown): boolean {
  switch (op) {
    case 'exists':
      return value !== undefined && value !== null;
    case 'not_exists':
      return value === undefined || value === null;
    case 'eq':
      return scalarEquals(value, operand as ScalarValue);
    case 'neq':
      return !scalarEquals(value, operand as ScalarValue);
    case 'in':
      return (operand as ScalarValue[]).some((candidate) => scalarEquals(value, candidate));
    case 'contains':
      return contains(value, operand as ScalarValue);
    case 'not_contains':
      return !contains(value, operand as ScalarValue);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ordered(value, op, operand as number | string);
  }
}

/** Lower-cases ASCII letters only: Postgres' lower() depends on the database locale, this does not. */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Orders strings by Unicode code point, as Postgres does under COLLATE "C" (UTF-8 byte order). */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function scalarEquals(value: unknown, operand: ScalarValue): boolean {
  if (typeof operand === 'string')
    return typeof value === 'string' && foldAsciiCase(value) === foldAsciiCase(operand);
  return value === operand;
}

function contains(value: unknown, operand: ScalarValue): boolean {
  if (typeof value === 'string') {
    return typeof operand === 'string' && foldAsciiCase(value).includes(foldAsciiCase(operand));
  }
  if (Array.isArray(value)) return value.some((element) => scalarEquals(element, operand));
  return false;
}

function ordered(value: unknown, op: 'gt' | 'gte' | 'lt' | 'lte', operand: number | string): boolean {
  let difference: number;
  if (typeof operand === 'number' && typeof value === 'number') difference = value - operand;
  else if (typeof operand === 'string' && typeof value === 'string')
    difference = compareCodePoints(value, operand);
  else return false;
  switch (op) {
    case 'gt':
      return difference > 0;
    case 'gte':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'lte':
      return difference <= 0;
  }
}

/**
 * The value of a trait or property: the key as written when the record has it, otherwise the key read
 * as a dotted path through nested objects (`address.city`). Lists are not walked into.
 */
export function valueAtKey(
  record: Readonly<Record<string, unknown>> | null | undefined,
  key: string,
): unknown {
  if (!record) return undefined;
  if (Object.hasOwn(record, key)) return record[key];
  if (!key.includes('.')) return undefined;
  let current: unknown = record;
  for (const part of key.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
