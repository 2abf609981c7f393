import type { Router } from 'express';
import type { Container } from '../di/index.ts';
import type { ApiKernel, ApiRouter } from '../http/index.ts';

/** What one process does. Local mode runs them all in one; staging scales each on its own. */
export const SERVER_ROLES = ['api', 'relay', 'cdp-worker', 'flows-worker'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** A module's server side as the host composes it: routers for the api role, workers for the others. */
export interface ServerModule {
  name: string;
  /** Mounted under their own base path (`/api/v1/<module>`), with auth, rate limits and OpenAPI. */
  apiRouters?: ApiRouter[];
  /** Mounted as they are, outside `/api` (e.g. the Segment-compatible ingest at `/v1`). */
  publicRouters?: Array<{ path: string; router: Router }>;
  /** Background work, started only in processes that run `role`. */
  workers?: Array<{ role: ServerRole; name: string; start(): Promise<WorkerHandle> }>;
}

export interface ServerModuleContext {
  container: Container;
  kernel: ApiKernel;
}

export type ServerModuleFactory = (context: ServerModuleContext) => Promise<ServerModule>;
