import type { Tx } from '@orchestrator/shared/ports';
import type { Profile } from '../../contracts/index.ts';
import { IdentityRepository } from '../profiles/identity-repository.ts';

export interface TextHit {
  id: string;
  rank: number;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity, 1 − cosine distance. */
  similarity: number;
}

/** A lexeme of `t` quoted for tsquery input (quotes and backslashes doubled), so no input breaks the syntax. */
const QUOTED_LEXEME = `'''' || replace(replace(t.lexeme, '\\', '\\\\'), '''', '''''') || ''''`;

/**
 * The query's words as tsqueries that match ANY of them (a description like "customers who asked
 * about invoices" rarely has every word in one profile): English stems without stop words for the
 * documents, and the same words unstemmed for the traits' 'simple' search vector of 0004.
 */
const QUERIES = `q AS (
  SELECT
    (SELECT string_agg(${QUOTED_LEXEME}, ' | ') FROM unnest(to_tsvector('english', $1::text)) t)::tsquery AS english,
    (SELECT string_agg(${QUOTED_LEXEME}, ' | ') FROM unnest(to_tsvector('simple', $1::text)) t
      WHERE to_tsvector('english', t.lexeme) <> ''::tsvector)::tsquery AS simple
)`;

/** Reads of profile search: the two rankings and the profiles they found. */
export class ProfileSearchQueries {
  private readonly identities = new IdentityRepository();

  /**
   * Live profiles whose document or traits contain any of the query's words, best `ts_rank` first
   * (normalized by document length, so a long history does not win by size alone).
   */
  async textRanking(tx: Tx, query: string, limit: number): Promise<TextHit[]> {
    const { rows } = await tx.query<{ id: string; rank: number }>(
      `WITH ${QUERIES},
       -- Each side through its own GIN index; an OR across the two tables would scan every profile.
       matched AS (
         SELECT d.profile_id AS id FROM cdp_profile_documents d, q WHERE d.search @@ q.english
         UNION
         SELECT p.id FROM cdp_profiles p, q WHERE p.search @@ q.simple
       )
       SELECT p.id,
              coalesce(ts_rank(d.search, q.english, 1), 0) + coalesce(ts_rank(p.search, q.simple, 1), 0) AS rank
       FROM matched
       JOIN cdp_profiles p ON p.id = matched.id AND p.merged_into IS NULL
       LEFT JOIN cdp_profile_documents d ON d.tenant_id = p.tenant_id AND d.profile_id = p.id
       CROSS JOIN q
       ORDER BY rank DESC, p.id
       LIMIT $2`,
      [query, limit],
    );
    return rows.map((row) => ({ id: row.id, rank: Number(row.rank) }));
  }

  /**
   * Live profiles whose embedding (of `model`) is nearest to the query's, by cosine distance through
   * the HNSW index. Profiles with no relation at all (similarity ≤ 0) are left out. With pgvector ≥ 0.8
   * the index scan goes on past rows RLS filters out, so a small tenant still gets its `limit` rows.
   */
  async vectorRanking(
    tx: Tx,
    vector: string,
    options: { model: string; limit: number; iterativeScan: boolean },
  ): Promise<VectorHit[]> {
    const efSearch = Math.min(1000, Math.max(40, options.limit * 2));
    await tx.query(`SELECT set_config('hnsw.ef_search', $1, true)`, [String(efSearch)]);
    if (options.iterativeScan)
      await tx.query(`SELECT set_config('hnsw.iterative_scan', 'strict_order', true)`);
    const { rows } = await tx.query<{ id: string; similarity: number }>(
      `SELECT id, similarity FROM (
         SELECT e.profile_id AS id, 1 - (e.embedding <=> $1::vector) AS similarity
         FROM cdp_profile_embeddings e
         JOIN cdp_profiles p ON p.id = e.profile_id AND p.merged_into IS NULL
         WHERE e.model = $2
         ORDER BY e.embedding <=> $1::vector
         LIMIT $3
       ) nearest
       WHERE similarity > 0
       ORDER BY similarity DESC, id`,
      [vector, options.model, options.limit],
    );
    return rows.map((row) => ({ id: row.id, similarity: Number(row.similarity) }));
  }

  /** The live profiles among `ids`, with their identities, keyed by id. */
  async profiles(tx: Tx, ids: readonly string[]): Promise<Map<string, Profile>> {
    if (ids.length === 0) return new Map();
    const { rows } = await tx.query<{
      id: string;
      traits: Record<string, unknown>;
      first_seen_at: Date | null;
      last_seen_at: Date | null;
      event_count: number;
    }>(
      `SELECT id, traits, first_seen_at, last_seen_at, event_count FROM cdp_profiles
       WHERE id = ANY($1::uuid[]) AND merged_into IS NULL`,
      [ids],
    );
    const identities = await this.identities.ofProfiles(
      tx,
      rows.map((row) => row.id),
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          traits: row.traits,
          identities: identities
            .filter((identity) => identity.profileId === row.id)
            .map(({ type, value }) => ({ type, value })),
          firstSeenAt: row.first_seen_at?.toISOString() ?? null,
          lastSeenAt: row.last_seen_at?.toISOString() ?? null,
          eventCount: row.event_count,
        },
      ]),
    );
  }
}
