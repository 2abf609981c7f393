import { Outbox, OutboxRelay } from '@orchestrator/shared/bus';
import type { Config } from '@orchestrator/shared/config';
import { asyncDependency, dependency, TOKENS, type Container } from '@orchestrator/shared/di';
import { createLogger } from '@orchestrator/shared/logging';
import { HttpMetrics } from '@orchestrator/shared/metrics';
import { OutboxCdpClient } from '@orchestrator/cdp/client';

/** Kernel services built the same way in every mode, on top of whatever ports the mode binds. */
export function bindCommonServices(container: Container, config: Config): void {
  container.bind(TOKENS.Logger).toConstantValue(createLogger({ level: config.LOG_LEVEL }));
  container.bind(TOKENS.HttpMetrics).toConstantValue(new HttpMetrics());
  container.bind(TOKENS.OutboxRelay).toDynamicValue(async (ctx) => {
    const logger = dependency(ctx, TOKENS.Logger);
    return new OutboxRelay(
      await asyncDependency(ctx, TOKENS.Database),
      await asyncDependency(ctx, TOKENS.EventBus),
      {
        logError: (message, error) => logger.error({ err: error }, message),
      },
    );
  });
  container
    .bind(TOKENS.Outbox)
    .toDynamicValue(async (ctx) => new Outbox((await asyncDependency(ctx, TOKENS.OutboxRelay)).kick));
  container
    .bind(TOKENS.CdpClient)
    .toDynamicValue(async (ctx) => new OutboxCdpClient(await asyncDependency(ctx, TOKENS.Outbox)));
}
