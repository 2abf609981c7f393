import type { Outbox } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { ServerModule } from '@orchestrator/shared/modules';
import type { Database, EventBus } from '@orchestrator/shared/ports';
import { ProfileConsumer } from './profile-consumer.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { RejectedMessageRepository } from './rejected-message-repository.ts';

type Worker = NonNullable<ServerModule['workers']>[number];

/**
 * Members of the `cdp-profiles` group one worker runs on the PostgreSQL server. Each fetches its share
 * of the partitions; what they fetch together goes into one transaction while traffic is light, and
 * under load up to one transaction per member runs, so several keep the database busy while one's
 * chunk is resolved in memory or travels over the wire. They cannot race (identifiers and profiles are
 * locked in one order). PGlite is one session, so there one member does all (more would only queue
 * for it).
 */
export const DEFAULT_PROFILE_CONSUMERS = 4;

export interface ProfileWorkerDependencies {
  database: Database;
  bus: EventBus;
  outbox: Outbox;
  logger: Logger;
  /** Group members in this process (default: DEFAULT_PROFILE_CONSUMERS, 1 on PGlite). */
  consumers?: number;
}

/** The profile builder as a `cdp-worker` role worker: consumes `cdp.events` as group `cdp-profiles`. */
export function profileWorker({
  database,
  bus,
  outbox,
  logger,
  consumers,
}: ProfileWorkerDependencies): Worker {
  return {
    role: 'cdp-worker',
    name: 'cdp-profiles',
    async start() {
      const log = logger.child({ worker: 'cdp-profiles' });
      const members = consumers ?? (database.engine === 'pglite' ? 1 : DEFAULT_PROFILE_CONSUMERS);
      const consumer = new ProfileConsumer(
        new ProfileProcessor(database, outbox),
        new RejectedMessageRepository(database),
        log,
      );
      const subscription = await consumer.subscribe(bus, { members });
      return { stop: () => subscription.stop() };
    },
  };
}
