import { z } from 'zod';
import { PayloadTooLargeError } from '@orchestrator/shared/errors';
import { ApiRouter, type ApiKernel } from '@orchestrator/shared/http';
import {
  MAX_SUBMISSION_BYTES,
  PublicFormQuerySchema,
  PublicFormResponseSchema,
  PublicSubmissionRequestSchema,
  PublicSubmissionResponseSchema,
} from '../contracts/index.ts';
import type { PublicFormsService } from './public-forms-service.ts';

const SlugParamsSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'is not a form address'),
});

/**
 * `/api/v1/public/forms`: what the public page at `/f/<slug>` uses, without authentication.
 * Submissions are size-limited (413 above 256 KB) before anything is parsed into the pipeline.
 */
export function publicFormsRouter(kernel: ApiKernel, service: PublicFormsService): ApiRouter {
  const api = new ApiRouter(kernel, '/api/v1/public/forms', 'Forms (public)');

  api.router.use('/:slug/submissions', (req, _res, next) => {
    const declared = Number(req.get('content-length') ?? Number.NaN);
    const size = Number.isFinite(declared) ? declared : Buffer.byteLength(JSON.stringify(req.body ?? {}));
    if (size > MAX_SUBMISSION_BYTES) {
      return next(
        new PayloadTooLargeError(
          `A submission may be at most ${MAX_SUBMISSION_BYTES / 1024} KB; this one is ${Math.ceil(size / 1024)} KB`,
        ),
      );
    }
    next();
  });

  api.get(
    '/:slug',
    {
      summary: 'The published form at a slug: fields, logic, settings, JSON Schema and uiSchema',
      public: true,
      params: SlugParamsSchema,
      query: PublicFormQuerySchema,
      response: PublicFormResponseSchema,
    },
    async ({ params, query, res }) => {
      res.setHeader('cache-control', 'no-store');
      return service.publicForm(params.slug, query.version);
    },
  );

  api.post(
    '/:slug/submissions',
    {
      summary: 'Submit answers (idempotent per idempotencyKey); 422 lists each bad field',
      public: true,
      params: SlugParamsSchema,
      body: PublicSubmissionRequestSchema,
      response: PublicSubmissionResponseSchema,
    },
    async ({ params, body, req }) => {
      const { id } = await service.submit(params.slug, body, {
        ip: req.ip,
        userAgent: req.get('user-agent'),
      });
      return { id };
    },
  );

  return api;
}
