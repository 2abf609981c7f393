import type { FusedResult } from './rank-fusion.ts';

/**
 * A result found by meaning alone is kept only if its similarity is at least this share of the best
 * similarity among the candidates. Absolute similarities differ by model (the local hashing embedding
 * scores a strong match ~0.25, OpenAI's models ~0.6), so the bar is relative to the best one.
 */
export const DEFAULT_FAINT_MATCH_RATIO = 0.5;

/**
 * The fused results without faint matches: those found by the vector ranking alone whose similarity
 * is under `ratio` × the best similarity of the vector candidates. Without them a search lists every
 * profile of a small workspace, down to a 2% resemblance. A result the words also matched always stays.
 */
export function withoutFaintMatches<T extends Pick<FusedResult, 'id' | 'matchedBy'>>(
  results: readonly T[],
  similarity: ReadonlyMap<string, number>,
  ratio = DEFAULT_FAINT_MATCH_RATIO,
): T[] {
  const best = Math.max(...similarity.values());
  if (!Number.isFinite(best)) return [...results];
  const bar = best > 0 ? best * ratio : Number.POSITIVE_INFINITY;
  return results.filter(
    (result) => result.matchedBy.includes('text') || (similarity.get(result.id) ?? 0) >= bar,
  );
}
