import type { Logger } from '@orchestrator/shared/logging';
import type { Database, EmbeddingProvider } from '@orchestrator/shared/ports';
import type { ProfileSearchHit, ProfileSearchResponse } from '../../contracts/index.ts';
import { reciprocalRankFusion, semanticQueryText, withoutFaintMatches } from '../../domain/search/index.ts';
import { ProfileSearchQueries } from './profile-search-queries.ts';
import {
  assertProviderFits,
  detectVectorSupport,
  toVectorLiteral,
  type VectorSupport,
} from './vector-support.ts';

export interface ProfileSearchDependencies {
  database: Database;
  embeddings: EmbeddingProvider;
  logger: Pick<Logger, 'warn'>;
}

/** Each ranking contributes this many candidates per requested result before fusion. */
const CANDIDATES_PER_RESULT = 3;
const MIN_CANDIDATES = 30;

export const NO_PGVECTOR_NOTICE =
  'This database has no pgvector, so results come from full-text search of profiles and their activity only.';

/**
 * Semantic profile search: the query embedded through the EmbeddingProvider port and matched to
 * profile embeddings (pgvector, cosine distance), and full-text ranked over profile documents and
 * traits; the two rankings fused by reciprocal rank. Without pgvector, or when the query cannot be
 * embedded (the embedding API is down), it answers from full text alone and says so.
 */
export class ProfileSearch {
  private readonly queries = new ProfileSearchQueries();
  private support: Promise<VectorSupport | null> | undefined;

  constructor(private readonly dependencies: ProfileSearchDependencies) {}

  async search(tenantId: string, request: { query: string; limit: number }): Promise<ProfileSearchResponse> {
    const { database, embeddings } = this.dependencies;
    const support = await this.vectorSupport();
    // "customers who asked about invoices" → "asked about invoices": what to look for, not who.
    const wanted = semanticQueryText(request.query);
    let notice: string | null = support ? null : NO_PGVECTOR_NOTICE;
    // Outside the transaction: in staging this is a call to OpenAI.
    const queryVector = support
      ? await this.embedQuery(wanted).catch((error: unknown) => {
          notice = `Semantic matching is unavailable right now (${describe(error)}), so these are full-text matches only.`;
          this.dependencies.logger.warn(
            { err: error, tenantId },
            'Embedding a profile search query failed; text only',
          );
          return null;
        })
      : null;
    const candidates = Math.max(MIN_CANDIDATES, request.limit * CANDIDATES_PER_RESULT);

    return database.tenantTx(tenantId, async (tx) => {
      const text = await this.queries.textRanking(tx, wanted, candidates);
      const vector =
        support && queryVector
          ? await this.queries.vectorRanking(tx, queryVector, {
              model: embeddings.model,
              limit: candidates,
              iterativeScan: support.iterativeScan,
            })
          : [];
      const similarity = new Map(vector.map((hit) => [hit.id, hit.similarity]));
      const fused = withoutFaintMatches(
        reciprocalRankFusion([
          { source: 'vector', ids: vector.map((hit) => hit.id) },
          { source: 'text', ids: text.map((hit) => hit.id) },
        ]),
        similarity,
      ).slice(0, request.limit);
      const profiles = await this.queries.profiles(
        tx,
        fused.map((result) => result.id),
      );
      const items: ProfileSearchHit[] = [];
      for (const result of fused) {
        const profile = profiles.get(result.id);
        if (!profile) continue;
        items.push({
          profile,
          score: result.score,
          matchedBy: result.matchedBy,
          similarity: similarity.get(result.id) ?? null,
        });
      }
      return { mode: queryVector ? 'hybrid' : 'text', items, notice };
    });
  }

  private async embedQuery(query: string): Promise<string> {
    const [vector] = await this.dependencies.embeddings.embed([query]);
    if (!vector) throw new Error('the embedding provider returned no vector');
    return toVectorLiteral(vector);
  }

  /**
   * Looked up once per process (a failed look-up is retried next time). A provider whose dimension
   * does not fit the column fails every search with a 503 naming the problem.
   */
  private async vectorSupport(): Promise<VectorSupport | null> {
    this.support ??= this.dependencies.database
      .systemTx((tx) => detectVectorSupport(tx))
      .catch((error: unknown) => {
        this.support = undefined;
        throw error;
      });
    const support = await this.support;
    if (support) assertProviderFits(support, this.dependencies.embeddings);
    return support;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
