import { describe, expect, it } from 'vitest';
import { DEFAULT_RRF_K, reciprocalRankFusion } from './rank-fusion.ts';

describe('reciprocalRankFusion', () => {
  it('scores each id by the sum of 1/(k + rank) over the rankings that hold it', () => {
    const fused = reciprocalRankFusion([
      { source: 'vector', ids: ['a', 'b', 'c'] },
      { source: 'text', ids: ['b', 'd'] },
    ]);
    expect(fused.map((result) => result.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]).toEqual({
      id: 'b',
      score: 1 / (DEFAULT_RRF_K + 2) + 1 / (DEFAULT_RRF_K + 1),
      matchedBy: ['vector', 'text'],
      ranks: { vector: 2, text: 1 },
    });
    expect(fused[1]).toMatchObject({ id: 'a', matchedBy: ['vector'], ranks: { vector: 1 } });
    expect(fused[2]).toMatchObject({ id: 'd', matchedBy: ['text'], ranks: { text: 2 } });
  });

  it('lists matchedBy vector first whatever the order of the rankings', () => {
    const [only] = reciprocalRankFusion([
      { source: 'text', ids: ['x'] },
      { source: 'vector', ids: ['x'] },
    ]);
    expect(only!.matchedBy).toEqual(['vector', 'text']);
  });

  it('breaks ties by the number of rankings, then the best rank, then the id', () => {
    // a and b tie on score (rank 1 in one list, rank 2 in the other); z and y tie at rank 3 of one list.
    const fused = reciprocalRankFusion([
      { source: 'vector', ids: ['b', 'a', 'z'] },
      { source: 'text', ids: ['a', 'b', 'y'] },
    ]);
    expect(fused.map((result) => result.id)).toEqual(['a', 'b', 'y', 'z']);
  });

  it('is the same for the same input, counts an id listed twice at its first place, and handles empty input', () => {
    const lists = [
      { source: 'vector' as const, ids: ['p', 'q', 'p'] },
      { source: 'text' as const, ids: [] },
    ];
    expect(reciprocalRankFusion(lists)).toEqual(reciprocalRankFusion(lists));
    expect(reciprocalRankFusion(lists).map((result) => [result.id, result.ranks])).toEqual([
      ['p', { vector: 1 }],
      ['q', { vector: 2 }],
    ]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });

  it('with k = 0 lets the first places dominate, and refuses a negative k', () => {
    const fused = reciprocalRankFusion(
      [
        { source: 'vector', ids: ['top', 'both'] },
        { source: 'text', ids: ['x', 'y', 'both'] },
      ],
      { k: 0 },
    );
    expect(fused[0]!.id).toBe('top');
    expect(() => reciprocalRankFusion([], { k: -1 })).toThrow(RangeError);
  });
});
