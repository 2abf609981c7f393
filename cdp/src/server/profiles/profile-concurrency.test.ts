import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@orchestrator/shared/bus';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { isTransientFailure } from './processing-failures.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { createTenant, envelopeOf, liveProfiles } from './profile-test-support.ts';

type Raw = Record<string, unknown> & { messageId: string; timestamp: string };

/** Six messages per customer that link two devices, an e-mail and a user id in every possible order. */
function customerMessages(customer: number): Raw[] {
  const at = (second: number) => new Date(Date.UTC(2024, 4, 1, 8, customer, second)).toISOString();
  const id = (name: string) => `${name}-${customer}`;
  const email = `customer-${customer}@acme.io`;
  return [
    { type: 'page', messageId: id('m1'), timestamp: at(1), anonymousId: id('desk') },
    { type: 'page', messageId: id('m2'), timestamp: at(2), anonymousId: id('mobile') },
    { type: 'identify', messageId: id('m3'), timestamp: at(3), anonymousId: id('desk'), traits: { email } },
    { type: 'identify', messageId: id('m4'), timestamp: at(4), anonymousId: id('mobile'), traits: { email } },
    {
      type: 'track',
      messageId: id('m5'),
      timestamp: at(5),
      event: 'Paid',
      userId: id('user'),
      anonymousId: id('desk'),
    },
    {
      type: 'identify',
      messageId: id('m6'),
      timestamp: at(6),
      userId: id('user'),
      traits: { email, name: id('N') },
    },
  ];
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

describe.each(testDatabaseEngines())('concurrent consumers on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
  });
  afterAll(() => test?.dispose());

  it('cannot race a merge: concurrent processing builds exactly the profiles sequential processing does', async () => {
    const customers = 20;
    const messages = Array.from({ length: customers }, (_, customer) => customerMessages(customer)).flat();
    const processor = new ProfileProcessor(database, new Outbox());

    const sequential = await createTenant(database);
    for (const message of messages) await processor.process(sequential, envelopeOf(message));

    const concurrent = await createTenant(database);
    const queue = shuffled(messages, 42);
    // Eight "consumers" (each its own processor and connection) take messages as they come.
    const workers = Array.from({ length: 8 }, async () => {
      const own = new ProfileProcessor(database, new Outbox());
      for (let message = queue.shift(); message; message = queue.shift()) {
        for (;;) {
          try {
            await own.process(concurrent, envelopeOf(message));
            break;
          } catch (error) {
            // A deadlock between two merges is a transient failure: the bus would redeliver.
            if (!isTransientFailure(error)) throw error;
          }
        }
      }
    });
    await Promise.all(workers);

    const built = await liveProfiles(database, concurrent);
    expect(built).toHaveLength(customers);
    expect(built.every((profile) => profile.eventCount === 6 && profile.identities.length === 4)).toBe(true);
    expect(built).toEqual(await liveProfiles(database, sequential));
  });
});
