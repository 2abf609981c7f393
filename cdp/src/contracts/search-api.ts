import { z } from 'zod';
import { ProfileSchema } from './profiles-api.ts';

/**
 * The length of every profile embedding: the `vector(384)` column of migration 0006. The local
 * hashing embedding has it by default; staging asks OpenAI's text-embedding-3-* for it (they shorten
 * their vectors on request). A provider of any other length is refused rather than half-working.
 */
export const PROFILE_EMBEDDING_DIMENSIONS = 384;

export const ProfileSearchRequestSchema = z.object({
  /** A description in plain words, e.g. "customers who asked about invoices". */
  query: z.string().trim().min(1, 'is required').max(500),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ProfileSearchRequest = z.input<typeof ProfileSearchRequestSchema>;

export const ProfileSearchMatchSchema = z.enum(['vector', 'text']);
export type ProfileSearchMatch = z.infer<typeof ProfileSearchMatchSchema>;

/**
 * `hybrid`: embeddings (pgvector) and full text, fused by rank; `text`: full text only — the database
 * has no pgvector, or the query could not be embedded (then `notice` says why).
 */
export const ProfileSearchModeSchema = z.enum(['hybrid', 'text']);
export type ProfileSearchMode = z.infer<typeof ProfileSearchModeSchema>;

export const ProfileSearchHitSchema = z.object({
  profile: ProfileSchema,
  /** Reciprocal rank fusion score: higher is better; only comparable within one answer. */
  score: z.number(),
  matchedBy: z.array(ProfileSearchMatchSchema).min(1),
  /** Cosine similarity of the profile's embedding to the query's (-1…1); null without a vector match. */
  similarity: z.number().nullable(),
});
export type ProfileSearchHit = z.infer<typeof ProfileSearchHitSchema>;

export const ProfileSearchResponseSchema = z.object({
  mode: ProfileSearchModeSchema,
  items: z.array(ProfileSearchHitSchema),
  /** Why the answer is less than it could be (no pgvector, the embedding service failed), else null. */
  notice: z.string().nullable(),
});
export type ProfileSearchResponse = z.infer<typeof ProfileSearchResponseSchema>;
