import type { ProfileSearchMatch } from '../../contracts/index.ts';

/** What each ranking means to a reader of the results. */
export const MATCH_LABELS: Record<ProfileSearchMatch, string> = {
  vector: 'Similar meaning',
  text: 'Matching words',
};

/** Cosine similarity as a whole percentage ("8% similar"); nothing without a vector match. */
export function formatSimilarity(similarity: number | null): string | undefined {
  if (similarity === null || !Number.isFinite(similarity)) return undefined;
  return `${Math.round(Math.max(-1, Math.min(1, similarity)) * 100)}% similar`;
}

/** The fused score with three decimals: enough to compare results of one search. */
export function formatScore(score: number): string {
  return score.toFixed(3);
}
