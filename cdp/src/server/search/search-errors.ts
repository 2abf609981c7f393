import { DomainError } from '@orchestrator/shared/errors';

/**
 * The bound EmbeddingProvider returns vectors of another length than the `cdp_profile_embeddings`
 * column holds (e.g. OpenAI's 1536 without `dimensions`, or text-embedding-ada-002). Refused at the
 * worker's start and on the first search, instead of failing on every row later.
 */
export class EmbeddingDimensionsMismatchError extends DomainError {
  readonly status = 503;
  readonly title = 'Semantic search is misconfigured';
  readonly code = 'embedding-dimensions-mismatch';

  constructor(
    readonly provider: { model: string; dimensions: number },
    readonly columnDimensions: number,
  ) {
    super(
      `The embedding provider (${provider.model}) returns ${provider.dimensions} dimensions but ` +
        `cdp_profile_embeddings.embedding holds ${columnDimensions}: bind a provider of ${columnDimensions} ` +
        `dimensions (OpenAI text-embedding-3-* accept a "dimensions" option).`,
    );
  }
}
