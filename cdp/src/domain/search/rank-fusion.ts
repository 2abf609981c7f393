/** Which ranking found a result: nearest embeddings, or full-text match. */
export type MatchSource = 'vector' | 'text';

/** One ranking: ids best first. */
export interface RankedList {
  source: MatchSource;
  ids: readonly string[];
}

export interface FusedResult {
  id: string;
  /** Sum over the rankings that hold the id of 1 / (k + rank), rank counted from 1. */
  score: number;
  /** The rankings that hold the id, vector first. */
  matchedBy: MatchSource[];
  /** 1-based rank in each ranking that holds the id. */
  ranks: Partial<Record<MatchSource, number>>;
}

/** The constant of Cormack et al. (2009): damps the weight of the very first places. */
export const DEFAULT_RRF_K = 60;

const SOURCE_ORDER: readonly MatchSource[] = ['vector', 'text'];

/**
 * Reciprocal rank fusion: combines rankings whose scores are not comparable (cosine distance, ts_rank)
 * by rank alone. An id found by both rankings beats one found by either at a similar place. Ties go
 * to the id found by more rankings, then to the better best rank, then to the smaller id, so the
 * order is total and the same on every run. An id listed twice in one ranking counts at its first place.
 */
export function reciprocalRankFusion(
  lists: readonly RankedList[],
  options: { k?: number } = {},
): FusedResult[] {
  const k = options.k ?? DEFAULT_RRF_K;
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`k must be a finite number ≥ 0 (got ${k})`);
  const fused = new Map<string, FusedResult>();
  for (const list of lists) {
    const seen = new Set<string>();
    list.ids.forEach((id) => {
      if (seen.has(id)) return;
      seen.add(id);
      const rank = seen.size;
      const entry = fused.get(id) ?? { id, score: 0, matchedBy: [], ranks: {} };
      if (entry.ranks[list.source] !== undefined) return; // the same source given twice: first list wins
      entry.ranks[list.source] = rank;
      entry.score += 1 / (k + rank);
      fused.set(id, entry);
    });
  }
  const results = [...fused.values()].map((entry) => ({
    ...entry,
    matchedBy: SOURCE_ORDER.filter((source) => entry.ranks[source] !== undefined),
  }));
  return results.sort(compareFused);
}

function compareFused(left: FusedResult, right: FusedResult): number {
  if (left.score !== right.score) return right.score - left.score;
  if (left.matchedBy.length !== right.matchedBy.length) return right.matchedBy.length - left.matchedBy.length;
  const bestLeft = Math.min(...Object.values(left.ranks));
  const bestRight = Math.min(...Object.values(right.ranks));
  if (bestLeft !== bestRight) return bestLeft - bestRight;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}
