import { ApiRouter, principalOf, type ApiKernel } from '@orchestrator/shared/http';
import { ProfileSearchRequestSchema, ProfileSearchResponseSchema } from '../../contracts/index.ts';
import { ProfileSearch, type ProfileSearchDependencies } from './profile-search.ts';

/**
 * `POST /api/v1/cdp/profiles/search`. Mounted at the same base as the profiles router, whose
 * `/profiles/:id` routes are GET (and POST only below `/profiles/:id/…`), so no route there takes
 * this POST first.
 */
export function profileSearchRouter(kernel: ApiKernel, dependencies: ProfileSearchDependencies): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/cdp', 'CDP');
  const search = new ProfileSearch(dependencies);

  api.post(
    '/profiles/search',
    {
      summary:
        'Find customers by a description in plain words: vector similarity and full-text ranking, fused by rank',
      status: 200,
      body: ProfileSearchRequestSchema,
      response: ProfileSearchResponseSchema,
    },
    async ({ body, req }) => search.search(principalOf(req).tenantId, body),
  );

  return api;
}
