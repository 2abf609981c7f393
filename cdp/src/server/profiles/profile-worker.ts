import type { Outbox } from '@orchestrator/shared/bus';
import type { Logger } from '@orchestrator/shared/logging';
import type { ServerModule } from '@orchestrator/shared/modules';
import type { Database, EventBus, Subscription } from '@orchestrator/shared/ports';
import { ProfileConsumer } from './profile-consumer.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { RejectedMessageRepository } from './rejected-message-repository.ts';

type Worker = NonNullable<ServerModule['workers']>[number];

/**
 * Members of the `cdp-profiles` group one worker runs on the PostgreSQL server. Each takes its share
 * of the partitions and processes one chunk at a time, so several keep the database busy while one's
 * chunk is resolved in memory or travels over the wire, and a partition's messages wait less for the
 * other partitions' chunks. They cannot race (identifiers and profiles are locked in one order) and
 * rarely wait for each other (a partition holds its customers' messages). PGlite is one session, so
 * there one member does all (more would only queue for it).
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
      const subscriptions: Subscription[] = [];
      try {
        const members = consumers ?? (database.engine === 'pglite' ? 1 : DEFAULT_PROFILE_CONSUMERS);
        for (let member = 0; member < Math.max(1, members); member++) {
          const consumer = new ProfileConsumer(
            new ProfileProcessor(database, outbox),
            new RejectedMessageRepository(database),
            log,
          );
          subscriptions.push(await consumer.subscribe(bus));
        }
      } catch (error) {
        await Promise.allSettled(subscriptions.map((subscription) => subscription.stop()));
        throw error;
      }
      return {
        stop: async () => {
          await Promise.all(subscriptions.map((subscription) => subscription.stop()));
        },
      };
    },
  };
}
