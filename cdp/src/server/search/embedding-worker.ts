import type { Logger } from '@orchestrator/shared/logging';
import type { ServerModule } from '@orchestrator/shared/modules';
import type { Database, EmbeddingProvider, EventBus } from '@orchestrator/shared/ports';
import { EmbeddingJobRunner, type EmbeddingJobRunnerOptions } from './embedding-job-runner.ts';
import { EmbeddingRefreshConsumer } from './embedding-refresh-consumer.ts';
import { assertProviderFits, detectVectorSupport } from './vector-support.ts';

type Worker = NonNullable<ServerModule['workers']>[number];

export interface EmbeddingWorkerDependencies {
  database: Database;
  bus: EventBus;
  embeddings: EmbeddingProvider;
  logger: Logger;
  runner?: EmbeddingJobRunnerOptions;
}

/**
 * Keeps profile search documents (and, with pgvector, their embeddings) fresh, as a `cdp-worker` role
 * worker. At start it looks once for pgvector's table, refuses a provider of the wrong dimension, and
 * queues every profile that has no document (or no embedding of the current model) yet; then it
 * follows `cdp.profile-events` as group `cdp-embeddings`, and refreshes a changed profile
 * `runner.refreshDelayMs` after its first change. Without pgvector it still keeps documents,
 * so full-text search covers what customers did, not only their traits.
 */
export function profileEmbeddingWorker(dependencies: EmbeddingWorkerDependencies): Worker {
  return {
    role: 'cdp-worker',
    name: 'cdp-embeddings',
    async start() {
      const { database, bus, embeddings } = dependencies;
      const logger = dependencies.logger.child({ worker: 'cdp-embeddings' });
      const support = await database.systemTx((tx) => detectVectorSupport(tx));
      if (support) assertProviderFits(support, embeddings);
      else
        logger.info('No pgvector in this database: profile search keeps documents for full-text search only');

      const runner = new EmbeddingJobRunner(
        database,
        support ? { support, provider: embeddings } : null,
        logger,
        dependencies.runner,
      );
      // The runner's queue: requests are due after the runner's refresh delay.
      const { queue } = runner;
      const backfill = await database.systemTx((tx) =>
        queue.requestMissing(tx, support ? embeddings.model : null),
      );
      if (backfill > 0)
        logger.info({ profiles: backfill }, 'Queued profiles without a search document or embedding');

      runner.start();
      const consumer = new EmbeddingRefreshConsumer(database, queue, () => runner.kick(), logger);
      const subscription = await consumer.subscribe(bus).catch(async (error: unknown) => {
        await runner.stop();
        throw error;
      });
      return {
        async stop() {
          await subscription.stop();
          await runner.stop();
        },
      };
    },
  };
}
