import { Router } from 'express';
import type { HttpMetrics } from '@orchestrator/shared/metrics';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** Liveness, readiness (every dependency answers) and Prometheus metrics, outside the API's auth. */
export function healthRoutes(checks: ReadinessCheck[], metrics: HttpMetrics): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, `failed: ${(error as Error).message}`] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  });
  return router;
}
