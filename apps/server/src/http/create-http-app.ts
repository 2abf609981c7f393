import express, { type Express, type Router } from 'express';
import type { Logger } from '@orchestrator/shared/logging';
import type { HttpMetrics } from '@orchestrator/shared/metrics';
import {
  notFoundResponder,
  problemResponder,
  requestContext,
  requestLogger,
  securityHeaders,
  type ApiRouter,
  type OpenApiRegistry,
} from '@orchestrator/shared/http';
import { healthRoutes, type ReadinessCheck } from './health-routes.ts';

export interface HttpAppParts {
  logger: Logger;
  metrics: HttpMetrics;
  readiness: ReadinessCheck[];
  /** Absent for worker roles, which serve only health and metrics. */
  api?: { openapi: OpenApiRegistry; routers: ApiRouter[] };
  /** Routers outside `/api` that parse their own bodies (the Segment-compatible ingest at `/v1`). */
  publicRouters?: Array<{ path: string; router: Router }>;
  webApp?: Router;
}

/** The Express app: request context, security headers, metrics, health, the API, the web app, problem+json. */
export function createHttpApp(parts: HttpAppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind one reverse proxy in deployments; req.ip then names the client for per-IP limits.
  app.set('trust proxy', 1);
  app.use(requestContext(parts.logger));
  app.use(securityHeaders());
  app.use(parts.metrics.middleware());
  app.use(healthRoutes(parts.readiness, parts.metrics));
  app.use(requestLogger());

  if (parts.api) {
    const { openapi, routers } = parts.api;
    app.use('/api', express.json({ limit: '1mb' }));
    app.get('/api/v1/openapi.json', (_req, res) => {
      res.json(openapi.document());
    });
    for (const router of routers) app.use(router.basePath, router.router);
    app.use('/api', notFoundResponder());
  }
  for (const { path, router } of parts.publicRouters ?? []) app.use(path, router);
  if (parts.webApp) app.use(parts.webApp);
  app.use(notFoundResponder());
  app.use(problemResponder());
  return app;
}
