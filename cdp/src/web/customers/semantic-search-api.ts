import { apiClient } from '@orchestrator/shared/api-client';
import { ProfileSearchResponseSchema, type ProfileSearchResponse } from '../../contracts/index.ts';

/** How many customers a description search shows. */
export const SEMANTIC_SEARCH_LIMIT = 20;

/** `POST /api/v1/cdp/profiles/search`: customers ranked by how well they fit a description. */
export function searchProfilesByDescription(
  query: string,
  signal: AbortSignal,
): Promise<ProfileSearchResponse> {
  return apiClient.post(
    '/api/v1/cdp/profiles/search',
    { query, limit: SEMANTIC_SEARCH_LIMIT },
    ProfileSearchResponseSchema,
    { signal },
  );
}

export type { ProfileSearchHit, ProfileSearchResponse } from '../../contracts/index.ts';
