import { resolve, TOKENS } from '@orchestrator/shared/di';
import type { ServerModuleFactory } from '@orchestrator/shared/modules';
import { DEFAULT_RETRY_SCHEDULE_MS } from '../domain/index.ts';
import { formsRouter } from './forms-router.ts';
import { baseUrlOf } from './http-helpers.ts';
import { IntegrationsWorker } from './integrations-worker.ts';
import { PublicFormsService } from './public-forms-service.ts';
import { publicFormsRouter } from './public-router.ts';
import { addSubmissionRoutes } from './submissions-router.ts';
import { addWebhookRoutes } from './webhooks-router.ts';

/**
 * Forms' server side: the admin API (`/api/v1/forms`: forms, versions, submissions, CSV, webhooks),
 * the public API (`/api/v1/public/forms`), and the integrations worker (role `relay`) that delivers
 * webhooks and notification e-mails.
 */
export const createFormsModule: ServerModuleFactory = async ({ container, kernel }) => {
  const config = await resolve(container, TOKENS.Config);
  const database = await resolve(container, TOKENS.Database);
  const clock = await resolve(container, TOKENS.Clock);
  const cdp = await resolve(container, TOKENS.CdpClient);
  const limiter = await resolve(container, TOKENS.RateLimiter);
  const emailSender = await resolve(container, TOKENS.EmailSender);
  const logger = await resolve(container, TOKENS.Logger);
  const allowPrivateNetworks = config.WEBHOOKS_ALLOW_PRIVATE_NETWORKS;

  // In one process (local mode) a commit wakes the worker at once; across processes it polls.
  let worker: IntegrationsWorker | undefined;
  const onQueued = () => worker?.kick();

  const service = new PublicFormsService({
    database,
    clock,
    cdp,
    limiter,
    baseUrl: () => baseUrlOf(config),
    onQueued,
    retrySchedule: DEFAULT_RETRY_SCHEDULE_MS,
  });
  const admin = formsRouter(kernel, { database, clock, config });
  addSubmissionRoutes(admin, database);
  addWebhookRoutes(admin, { database, clock, allowPrivateNetworks, onQueued });

  return {
    name: 'forms',
    apiRouters: [admin, publicFormsRouter(kernel, service)],
    workers: [
      {
        role: 'relay',
        name: 'forms-integrations',
        async start() {
          worker = new IntegrationsWorker({
            database,
            emailSender,
            clock,
            logger: logger.child({ worker: 'forms-integrations' }),
            allowPrivateNetworks,
            retrySchedule: DEFAULT_RETRY_SCHEDULE_MS,
          });
          worker.start();
          const running = worker;
          return {
            async stop() {
              await running.stop();
              if (worker === running) worker = undefined;
            },
          };
        },
      },
    ],
  };
};
