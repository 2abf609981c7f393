import { describe, expect, it } from 'vitest';
import { withoutFaintMatches } from './faint-matches.ts';
import type { MatchSource } from './rank-fusion.ts';

const result = (id: string, ...matchedBy: MatchSource[]) => ({ id, matchedBy });

describe('withoutFaintMatches', () => {
  it('drops results found by meaning alone under half the best similarity, keeps any the words matched', () => {
    const similarity = new Map([
      ['ada', 0.24],
      ['bob', 0.12],
      ['cleo', 0.08],
      ['dan', 0.02],
    ]);
    const results = [
      result('ada', 'vector', 'text'),
      result('bob', 'vector'),
      result('cleo', 'vector'),
      result('dan', 'vector', 'text'),
      result('eve', 'text'),
    ];
    expect(withoutFaintMatches(results, similarity).map((kept) => kept.id)).toEqual([
      'ada',
      'bob',
      'dan',
      'eve',
    ]);
    expect(withoutFaintMatches(results, similarity, 0.9).map((kept) => kept.id)).toEqual([
      'ada',
      'dan',
      'eve',
    ]);
  });

  it('keeps everything without similarities (text only), and no vector-only result when none resembles the query', () => {
    const results = [result('ada', 'text'), result('bob', 'vector')];
    expect(withoutFaintMatches(results, new Map())).toEqual(results);
    expect(withoutFaintMatches(results, new Map([['bob', -0.1]]))).toEqual([result('ada', 'text')]);
    expect(withoutFaintMatches(results, new Map([['bob', 0]]))).toEqual([result('ada', 'text')]);
  });
});
