import { describe, expect, it } from 'vitest';
import { flattenValues } from './flatten-values.ts';

describe('flattenValues', () => {
  it('puts preferred keys first, then the rest by name, nested objects as dotted keys one level down', () => {
    expect(
      flattenValues(
        { zeta: 1, Subject: 'Hi', alpha: 'a', meta: { source: 'web', deep: { x: 1 } } },
        { order: ['subject'], maxEntries: 10 },
      ),
    ).toEqual([
      { key: 'Subject', value: 'Hi' },
      { key: 'alpha', value: 'a' },
      { key: 'meta.source', value: 'web' },
      { key: 'zeta', value: '1' },
    ]);
  });

  it('skips ids and secrets by key (but not words ending in "id"), and id-like values', () => {
    const flat = flattenValues(
      {
        id: 1,
        user_id: 'u',
        orderId: 'o',
        ID: 'X',
        paid: false,
        valid: 'yes',
        accessToken: 't',
        ref: '5f2b9c1e8a7d6b4c3e2f1a0b9c8d7e6f',
        uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
      },
      { order: [], maxEntries: 10 },
    );
    expect(flat).toEqual([
      { key: 'paid', value: 'no' },
      { key: 'valid', value: 'yes' },
    ]);
  });

  it('joins arrays (at most ten items), collapses whitespace, drops non-finite numbers, stops at maxEntries', () => {
    expect(
      flattenValues(
        {
          tags: ['a', 2, null, { label: 'L', value: 'V' }, ...Array.from({ length: 20 }, () => 'z')],
          text: '  two\n  lines ',
          nan: Number.NaN,
        },
        { order: [], maxEntries: 10 },
      ),
    ).toEqual([
      { key: 'tags', value: `a | 2 | L: V${' | z'.repeat(6)}` },
      { key: 'text', value: 'two lines' },
    ]);
    expect(flattenValues({ a: 1, b: 2, c: 3 }, { order: [], maxEntries: 2 })).toHaveLength(2);
  });
});
