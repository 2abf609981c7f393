import type { EmbeddingProvider } from '../ports/embedding-provider.ts';

/** Names the algorithm, so vectors stored by another version can be told apart and recomputed. */
export const HASHING_EMBEDDING_MODEL = 'feature-hashing-v1';

/** The dimension of all-MiniLM-L6-v2, so a real on-machine model can later replace this without a migration. */
export const HASHING_EMBEDDING_DEFAULT_DIMENSIONS = 384;

const WORD_WEIGHT = 1;
/** Trigrams catch shared stems and typos ("invoices" ~ "invoice"); lighter than words so they only nudge. */
const TRIGRAM_WEIGHT = 0.35;

/** Words that occur in almost every sentence; as features they would make unrelated texts look alike. */
// prettier-ignore
const STOP_WORDS = new Set([
  'a', 'about', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'do', 'for', 'from', 'has',
  'have', 'i', 'in', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 'so', 'that', 'the',
  'their', 'this', 'to', 'was', 'we', 'were', 'what', 'with', 'you', 'your',
]);

export interface HashingEmbeddingProviderOptions {
  /** Length of every vector (the pgvector column's dimension). */
  dimensions?: number;
}

/**
 * The local embedding: no network, no model download, same vector for the same text on every machine.
 * Feature hashing of word unigrams and character trigrams with signed buckets, L2-normalized, so the
 * cosine similarity of two texts grows with the words and word pieces they share.
 */
export class HashingEmbeddingProvider implements EmbeddingProvider {
  readonly dimensions: number;
  readonly model = HASHING_EMBEDDING_MODEL;

  constructor(options: HashingEmbeddingProviderOptions = {}) {
    const dimensions = options.dimensions ?? HASHING_EMBEDDING_DEFAULT_DIMENSIONS;
    if (!Number.isInteger(dimensions) || dimensions < 16 || dimensions > 16_000) {
      throw new RangeError(`dimensions must be a whole number from 16 to 16000 (got ${dimensions})`);
    }
    this.dimensions = dimensions;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => embedByFeatureHashing(text, this.dimensions));
  }
}

/** The hashing embedding of one text as a unit vector of `dimensions` numbers. */
export function embedByFeatureHashing(text: string, dimensions: number): number[] {
  const vector = new Float64Array(dimensions);
  const words = tokenize(text);
  const contentWords = words.filter((word) => !STOP_WORDS.has(word));
  // A text made only of stop words still deserves a vector that reflects it.
  const featureWords = contentWords.length > 0 ? contentWords : words;

  for (const word of featureWords) {
    addFeature(vector, `w:${word}`, WORD_WEIGHT);
    const padded = `<${word}>`;
    for (let start = 0; start + 3 <= padded.length; start += 1) {
      addFeature(vector, `t:${padded.slice(start, start + 3)}`, TRIGRAM_WEIGHT);
    }
  }

  let squaredNorm = 0;
  for (const value of vector) squaredNorm += value * value;
  if (squaredNorm === 0) {
    // Empty or symbol-only text: a fixed unit vector keeps cosine distance defined (no NaN in pgvector).
    addFeature(vector, 'empty', 1);
    squaredNorm = 1;
  }
  const norm = Math.sqrt(squaredNorm);
  return Array.from(vector, (value) => value / norm);
}

/** Lowercased words with accents folded, so "Café" and "cafe" are the same feature. */
function tokenize(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const bucket = hashString(feature, 0x9747b28c) % vector.length;
  // An independent hash picks the sign, so collisions cancel out on average instead of piling up.
  const sign = (hashString(feature, 0x5bd1e995) & 1) === 0 ? 1 : -1;
  vector[bucket] = (vector[bucket] ?? 0) + sign * weight;
}

/** FNV-1a over UTF-16 code units with a seed, finished with murmur3's avalanche; unsigned 32 bits. */
function hashString(value: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
