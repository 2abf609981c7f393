import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built suite (apps/web/dist): hashed assets cached for a year, every other GET outside the
 * API answered with index.html so client-side routes survive a reload.
 */
export function webAppRoutes(distDirectory: string): Router | undefined {
  const index = join(distDirectory, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = Router();
  router.use(
    '/assets',
    express.static(join(distDirectory, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  router.use(express.static(distDirectory, { index: false, maxAge: 0 }));
  router.get(/^(?!\/(api|v1)\/).*/, (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
