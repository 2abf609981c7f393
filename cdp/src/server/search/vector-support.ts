import type { EmbeddingProvider, Queryable } from '@orchestrator/shared/ports';
import { EmbeddingDimensionsMismatchError } from './search-errors.ts';

/** What the database offers for vector search; null when it has no pgvector (search is text only). */
export interface VectorSupport {
  /** The dimension of `cdp_profile_embeddings.embedding`. */
  dimensions: number;
  /** pgvector ≥ 0.8: HNSW scans continue past filtered-out rows (other tenants' under RLS). */
  iterativeScan: boolean;
}

/**
 * Looks for the table migration 0006 creates only where pgvector is available. Run as the owner
 * (`systemTx`), since the catalog answer does not depend on the tenant.
 */
export async function detectVectorSupport(tx: Queryable): Promise<VectorSupport | null> {
  const { rows } = await tx.query<{ dimensions: number; version: string | null }>(
    `SELECT a.atttypmod AS dimensions,
            (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS version
     FROM pg_attribute a
     WHERE a.attrelid = to_regclass('public.cdp_profile_embeddings') AND a.attname = 'embedding'
       AND NOT a.attisdropped`,
  );
  const row = rows[0];
  if (!row) return null;
  return { dimensions: Number(row.dimensions), iterativeScan: versionAtLeast(row.version ?? '0', [0, 8]) };
}

/** Refuses a provider whose vectors would not fit the column. */
export function assertProviderFits(support: VectorSupport, provider: EmbeddingProvider): void {
  if (provider.dimensions !== support.dimensions) {
    throw new EmbeddingDimensionsMismatchError(provider, support.dimensions);
  }
}

/** pgvector's text form of a vector, e.g. `[0.1,-0.2]`; refuses what is not a finite number. */
export function toVectorLiteral(vector: readonly number[]): string {
  if (!vector.every((value) => Number.isFinite(value))) {
    throw new RangeError('An embedding holds a value that is not a finite number');
  }
  return `[${vector.join(',')}]`;
}

function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < minimum.length; index++) {
    const have = parts[index] ?? 0;
    const need = minimum[index]!;
    if (have !== need) return have > need;
  }
  return true;
}
