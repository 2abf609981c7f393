import { describe, expect, it } from 'vitest';
import { HashingEmbeddingProvider } from './hashing-embedding-provider.ts';

function cosine(left: number[], right: number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

function norm(vector: number[]): number {
  return Math.sqrt(cosine(vector, vector));
}

describe('HashingEmbeddingProvider', () => {
  const provider = new HashingEmbeddingProvider();

  it('returns one vector of the configured dimension per text', async () => {
    const vectors = await provider.embed(['one', 'two', 'three']);
    expect(provider.dimensions).toBe(384);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) expect(vector).toHaveLength(384);

    const small = new HashingEmbeddingProvider({ dimensions: 256 });
    const [vector] = await small.embed(['hello']);
    expect(vector).toHaveLength(256);
  });

  it('is deterministic across calls and instances', async () => {
    const [first] = await provider.embed(['Where is my invoice?']);
    const [second] = await new HashingEmbeddingProvider().embed(['Where is my invoice?']);
    expect(second).toEqual(first);
  });

  it('returns unit vectors, even for empty or symbol-only text', async () => {
    const vectors = await provider.embed(['Invoice billing question', '', '!!! ???', 'the']);
    for (const vector of vectors) expect(norm(vector)).toBeCloseTo(1, 10);
  });

  it('ignores case, accents and unicode composition', async () => {
    const [plain, fancy, decomposed] = await provider.embed([
      'cafe resume',
      'CAFÉ Résumé',
      'cafe\u0301 re\u0301sume\u0301',
    ]);
    expect(cosine(plain!, fancy!)).toBeCloseTo(1, 10);
    expect(cosine(plain!, decomposed!)).toBeCloseTo(1, 10);
  });

  it('puts similar texts closer together than unrelated ones', async () => {
    const [query, related, unrelated] = await provider.embed([
      'invoice billing question',
      'question about my invoice',
      'shipping address change',
    ]);
    const relatedSimilarity = cosine(query!, related!);
    const unrelatedSimilarity = cosine(query!, unrelated!);
    expect(relatedSimilarity).toBeGreaterThan(0.5);
    expect(relatedSimilarity).toBeGreaterThan(unrelatedSimilarity + 0.3);
  });

  it('matches word variants through shared trigrams', async () => {
    const [singular, plural, other] = await provider.embed(['invoice', 'invoices', 'delivery']);
    expect(cosine(singular!, plural!)).toBeGreaterThan(cosine(singular!, other!));
  });

  it('refuses a dimension it cannot fill meaningfully', () => {
    expect(() => new HashingEmbeddingProvider({ dimensions: 3 })).toThrow(RangeError);
    expect(() => new HashingEmbeddingProvider({ dimensions: 100.5 })).toThrow(RangeError);
  });
});
