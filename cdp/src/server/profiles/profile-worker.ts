import type { Outbox } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { ServerModule } from '@orchestrator/shared/modules';
import type { Database, EventBus } from '@orchestrator/shared/ports';
import { ProfileConsumer } from './profile-consumer.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { RejectedMessageRepository } from './rejected-message-repository.ts';

type Worker = NonNullable<ServerModule['workers']>[number];

export interface ProfileWorkerDependencies {
  database: Database;
  bus: EventBus;
  outbox: Outbox;
  logger: Logger;
}

/** The profile builder as a `cdp-worker` role worker: consumes `cdp.events` as group `cdp-profiles`. */
export function profileWorker({ database, bus, outbox, logger }: ProfileWorkerDependencies): Worker {
  return {
    role: 'cdp-worker',
    name: 'cdp-profiles',
    async start() {
      const consumer = new ProfileConsumer(
        new ProfileProcessor(database, outbox),
        new RejectedMessageRepository(database),
        logger.child({ worker: 'cdp-profiles' }),
      );
      return consumer.subscribe(bus);
    },
  };
}
