import { describe, expect, it } from 'vitest';
import { MATCH_LABELS, formatScore, formatSimilarity } from './semantic-search-display.ts';

describe('semantic search display', () => {
  it('labels both rankings', () => {
    expect(MATCH_LABELS).toEqual({ vector: 'Similar meaning', text: 'Matching words' });
  });

  it('shows similarity as a rounded percentage, and nothing without one', () => {
    expect(formatSimilarity(0.0849)).toBe('8% similar');
    expect(formatSimilarity(1.0000001)).toBe('100% similar');
    expect(formatSimilarity(-0.2)).toBe('-20% similar');
    expect(formatSimilarity(null)).toBeUndefined();
    expect(formatSimilarity(Number.NaN)).toBeUndefined();
  });

  it('shows scores with three decimals', () => {
    expect(formatScore(1 / 61 + 1 / 62)).toBe('0.033');
  });
});
