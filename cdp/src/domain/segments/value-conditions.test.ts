import { describe, expect, it } from 'vitest';
import { compareCodePoints, foldAsciiCase, matchesValueCondition, valueAtKey } from './value-conditions.ts';
import type { ValueOperator } from './segment-rule.ts';

describe('matchesValueCondition', () => {
  it.each<[unknown, ValueOperator, unknown, boolean]>([
    // exists: present and not null
    ['pro', 'exists', undefined, true],
    ['', 'exists', undefined, true],
    [0, 'exists', undefined, true],
    [false, 'exists', undefined, true],
    [null, 'exists', undefined, false],
    [undefined, 'exists', undefined, false],
    [null, 'not_exists', undefined, true],
    ['x', 'not_exists', undefined, false],
    // eq: strict types, ASCII case folded
    ['Pro', 'eq', 'pro', true],
    ['PRO', 'eq', 'pRo', true],
    ['Ärger', 'eq', 'ärger', false],
    ['42', 'eq', 42, false],
    [42, 'eq', '42', false],
    [42, 'eq', 42, true],
    [42.5, 'eq', 42.5, true],
    [true, 'eq', true, true],
    [true, 'eq', 'true', false],
    [['pro'], 'eq', 'pro', false],
    [{ a: 1 }, 'eq', 'pro', false],
    // neq is the negation of eq, so true for missing values
    [undefined, 'neq', 'pro', true],
    [null, 'neq', 'pro', true],
    ['Pro', 'neq', 'pro', false],
    ['free', 'neq', 'pro', true],
    // in
    ['DE', 'in', ['de', 'FR'], true],
    [3, 'in', [1, 2, 3], true],
    ['3', 'in', [1, 2, 3], false],
    [false, 'in', [false], true],
    [undefined, 'in', ['x'], false],
    // contains: substrings of strings, elements of lists
    ['Jane Doe', 'contains', 'DOE', true],
    ['Jane Doe', 'contains', 'smith', false],
    [['vip', 'beta'], 'contains', 'VIP', true],
    [[1, 2], 'contains', 2, true],
    [[1, 2], 'contains', '2', false],
    [[['vip']], 'contains', 'vip', false],
    [42, 'contains', '4', false],
    ['a42', 'contains', 42, false],
    [undefined, 'contains', 'x', false],
    [undefined, 'not_contains', 'x', true],
    [['vip'], 'not_contains', 'vip', false],
    // ordered: numbers numerically, strings by code point, never across types
    [10, 'gt', 9, true],
    [10, 'gt', 10, false],
    [10, 'gte', 10, true],
    [-1, 'lt', 0, true],
    [0, 'lte', 0, true],
    [0.1, 'lt', 0.2, true],
    ['10', 'gt', 9, false],
    [10, 'gt', '9', false],
    ['2024-05-01T00:00:00Z', 'gte', '2024-05-01', true],
    ['2024-04-30T23:59:59Z', 'gte', '2024-05-01', false],
    ['b', 'gt', 'B', true],
    ['\u{1F600}', 'gt', '\uFFFD', true],
    [null, 'lt', 5, false],
  ])('%j %s %j is %s', (value, op, operand, expected) => {
    expect(matchesValueCondition(value, op, operand)).toBe(expected);
  });
});

describe('helpers', () => {
  it('folds only ASCII letters', () => {
    expect(foldAsciiCase('AbC-ÄÖ-İ')).toBe('abc-ÄÖ-İ');
  });

  it('orders by code point like UTF-8 bytes (astral characters after the BMP)', () => {
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    // UTF-16 code units would say the opposite:
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
  });

  it('reads a key as written, else as a dotted path through objects (never lists)', () => {
    const record = {
      'utm.source': 'ads',
      address: { city: 'Berlin', geo: { lat: 1 } },
      tags: [{ a: 1 }],
      nil: null,
    };
    expect(valueAtKey(record, 'utm.source')).toBe('ads');
    expect(valueAtKey(record, 'address.city')).toBe('Berlin');
    expect(valueAtKey(record, 'address.geo.lat')).toBe(1);
    expect(valueAtKey(record, 'address.zip')).toBeUndefined();
    expect(valueAtKey(record, 'tags.0')).toBeUndefined();
    expect(valueAtKey(record, 'nil')).toBeNull();
    expect(valueAtKey(record, 'nil.x')).toBeUndefined();
    expect(valueAtKey(record, 'toString')).toBeUndefined();
    expect(valueAtKey(null, 'x')).toBeUndefined();
  });
});
