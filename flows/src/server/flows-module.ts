import { resolve, resolveOptional, TOKENS } from '@orchestrator/shared/di';
import type { ServerModuleFactory } from '@orchestrator/shared/modules';
import { ActiveTriggers } from './active-triggers.ts';
import { FlowExecutor } from './flow-executor.ts';
import { FlowScheduler } from './flow-scheduler.ts';
import { flowsRouter } from './flows-router.ts';
import { boundCapabilities } from './node-catalog.ts';
import { addRunRoutes } from './runs-router.ts';
import { TriggerConsumer } from './trigger-consumer.ts';

/**
 * The automations' server side: the API (`/api/v1/flows`: flows, versions, runs, test runs, catalog)
 * and, in the `flows-worker` role, the trigger consumer on `cdp.profile-events`, the scheduler of
 * `trigger.schedule` flows and the durable executor. In one process (local mode) a commit that makes
 * work due wakes the executor at once; across processes it polls.
 */
export const createFlowsModule: ServerModuleFactory = async ({ container, kernel }) => {
  const config = await resolve(container, TOKENS.Config);
  const database = await resolve(container, TOKENS.Database);
  const clock = await resolve(container, TOKENS.Clock);
  const bus = await resolve(container, TOKENS.EventBus);
  const logger = await resolve(container, TOKENS.Logger);
  const kestra = await resolveOptional(container, TOKENS.KestraApi);
  const capabilities = boundCapabilities({ kestra: kestra !== undefined });

  let executor: FlowExecutor | undefined;
  const onWork = () => executor?.kick();
  const triggers = new ActiveTriggers();

  const api = flowsRouter(kernel, {
    database,
    clock,
    capabilities,
    onTriggersChanged: (tenantId) => triggers.forget(tenantId),
  });
  addRunRoutes(api, { database, clock, capabilities, onWork });

  return {
    name: 'flows',
    apiRouters: [api],
    workers: [
      {
        role: 'flows-worker',
        name: 'flows-triggers',
        async start() {
          const consumer = new TriggerConsumer({
            database,
            clock,
            logger: logger.child({ worker: 'flows-triggers' }),
            onWork,
            triggers,
            // The executor of this process takes the runs a batch starts, claimed for it.
            eager: {
              reserve: (wanted) => executor?.reserve(wanted) ?? 0,
              get leaseMs() {
                return executor?.leaseMs ?? 0;
              },
              adopt: (runs, reserved) => executor?.adopt(runs, reserved),
              cancel: (reserved) => executor?.cancel(reserved),
            },
          });
          const subscription = await consumer.subscribe(bus);
          return { stop: () => subscription.stop() };
        },
      },
      {
        role: 'flows-worker',
        name: 'flows-executor',
        async start() {
          const log = logger.child({ worker: 'flows-executor' });
          const running = new FlowExecutor({
            database,
            clock,
            logger: log,
            services: {
              email: await resolve(container, TOKENS.EmailSender),
              llm: await resolve(container, TOKENS.LlmProvider),
              cdp: await resolve(container, TOKENS.CdpClient),
              ...(kestra ? { kestra } : {}),
              allowPrivateNetworks: config.WEBHOOKS_ALLOW_PRIVATE_NETWORKS,
            },
          });
          const scheduler = new FlowScheduler({ database, clock, logger: log, onWork });
          executor = running;
          running.start();
          scheduler.start();
          return {
            async stop() {
              await scheduler.stop();
              await running.stop();
              if (executor === running) executor = undefined;
            },
          };
        },
      },
    ],
  };
};
