// The CDP profile consumer in a process of its own, for profiles-crash.test.ts, which SIGKILLs it in the
// middle of a batch. It handles messages exactly as the cdp-worker does, a little slowed down, and says
// after each one where it is: "handled <position in batch> <batch size> <handled in total>".
import { Outbox, PgLogEventBus } from '@orchestrator/shared/bus';
import { PgPoolDatabase } from '@orchestrator/shared/db';
import { CDP_EVENTS_TOPIC } from '@orchestrator/cdp/client';
import {
  PROFILES_CONSUMER_GROUP,
  ProfileConsumer,
  ProfileProcessor,
  RejectedMessageRepository,
} from '@orchestrator/cdp/server';

const url = process.env.CRASH_TEST_DATABASE_URL;
if (!url) throw new Error('CRASH_TEST_DATABASE_URL must be set');
const database = new PgPoolDatabase(url, { max: 2, applicationName: 'profiles-crash-consumer' });
const bus = new PgLogEventBus(database, {
  leaseMs: Number(process.env.CRASH_TEST_LEASE_MS ?? 2000),
  pollIntervalMs: 50,
});
const consumer = new ProfileConsumer(
  new ProfileProcessor(database, new Outbox()),
  new RejectedMessageRepository(database),
  console,
);

let handled = 0;
await bus.subscribe({
  topic: CDP_EVENTS_TOPIC,
  group: PROFILES_CONSUMER_GROUP,
  maxBatchSize: 50,
  handler: async (batch) => {
    for (const [index, message] of batch.entries()) {
      await consumer.handle(message);
      handled += 1;
      process.stdout.write(`handled ${index + 1} ${batch.length} ${handled}\n`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  },
});
