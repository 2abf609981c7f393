import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CDP_EVENTS_TOPIC, cdpMessageKey } from '@orchestrator/cdp/client';
import type { CdpEnvelope, NormalizedMessage } from '@orchestrator/cdp/contracts';
import { Outbox, PgLogEventBus, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { Database, EventBus } from '@orchestrator/shared/ports';
import { eventually, testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import {
  PROFILES_CONSUMER_GROUP,
  ProfileConsumer,
  ProfileProcessor,
  RejectedMessageRepository,
} from '@orchestrator/cdp/server';

const CUSTOMERS = 100;
const MESSAGES = CUSTOMERS * 5;
const LEASE_MS = 2000;
const silent = { warn: () => {}, error: () => {} };

/** Five messages per customer: three anonymous page views, an identify with a user id and e-mail, a purchase. */
function customerMessages(customer: number): NormalizedMessage[] {
  const at = (second: number) => new Date(Date.UTC(2024, 6, 1, 0, customer, second)).toISOString();
  const anonymousId = `anon-${customer}`;
  const userId = `user-${customer}`;
  return [
    { type: 'page', messageId: `${customer}-1`, anonymousId, timestamp: at(1) },
    { type: 'page', messageId: `${customer}-2`, anonymousId, timestamp: at(2) },
    { type: 'page', messageId: `${customer}-3`, anonymousId, timestamp: at(3) },
    {
      type: 'identify',
      messageId: `${customer}-4`,
      anonymousId,
      userId,
      traits: { email: `c${customer}@acme.io` },
      timestamp: at(4),
    },
    { type: 'track', messageId: `${customer}-5`, event: 'Order Completed', userId, timestamp: at(5) },
  ];
}

async function publishAll(bus: EventBus, tenantId: string): Promise<void> {
  const messages = Array.from({ length: CUSTOMERS }, (_, customer) => customerMessages(customer)).flat();
  await bus.publish(
    CDP_EVENTS_TOPIC,
    messages.map((message) => {
      const envelope: CdpEnvelope = { sourceId: 'crash-test', receivedAt: message.timestamp, message };
      return {
        key: cdpMessageKey(tenantId, message),
        value: envelope,
        headers: { [TENANT_ID_HEADER]: tenantId },
      };
    }),
  );
}

/** A consumer that counts the redelivered messages it recognized as already processed. */
function countingConsumer(database: Database) {
  const processor = new ProfileProcessor(database, new Outbox());
  const counts = { duplicates: 0 };
  const consumer = new ProfileConsumer(
    {
      process: async (tenantId, envelope) => {
        const outcome = await processor.process(tenantId, envelope);
        if (outcome.kind === 'duplicate') counts.duplicates += 1;
        return outcome;
      },
    },
    new RejectedMessageRepository(database),
    silent,
  );
  return { consumer, counts };
}

async function eventRows(database: Database, tenantId: string): Promise<number> {
  const { rows } = await database.tenantTx(tenantId, (tx) =>
    tx.query<{ n: number }>('SELECT count(*) AS n FROM cdp_events'),
  );
  return rows[0]!.n;
}

/** Every message processed once: one event row each, exact counts, one live profile per customer. */
async function expectExactlyOnce(database: Database, tenantId: string): Promise<void> {
  const facts = await database.systemTx(async (tx) => {
    const one = async (sql: string) => (await tx.query<{ n: number }>(sql, [tenantId])).rows[0]!.n;
    return {
      events: await one('SELECT count(*) AS n FROM cdp_events WHERE tenant_id = $1'),
      distinctMessages: await one(
        'SELECT count(DISTINCT message_id) AS n FROM cdp_events WHERE tenant_id = $1',
      ),
      liveProfiles: await one(
        'SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL',
      ),
      countedEvents: await one(
        'SELECT coalesce(sum(event_count), 0) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL',
      ),
      wrongCounts: await one(
        `SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1 AND merged_into IS NULL AND event_count <> 5`,
      ),
      wrongIdentities: await one(
        `SELECT count(*) AS n FROM cdp_profiles p WHERE p.tenant_id = $1 AND p.merged_into IS NULL
           AND (SELECT count(*) FROM cdp_identities i WHERE i.profile_id = p.id) <> 3`,
      ),
      processedOut: await one(
        `SELECT count(*) AS n FROM outbox WHERE tenant_id = $1 AND payload->>'type' = 'Message Processed'`,
      ),
      createdOut: await one(
        `SELECT count(*) AS n FROM outbox WHERE tenant_id = $1 AND payload->>'type' = 'Profile Created'`,
      ),
      profiles: await one('SELECT count(*) AS n FROM cdp_profiles WHERE tenant_id = $1'),
      mergedOut: await one(
        `SELECT count(*) AS n FROM outbox WHERE tenant_id = $1 AND payload->>'type' = 'Profiles Merged'`,
      ),
      merges: await one('SELECT count(*) AS n FROM cdp_merges WHERE tenant_id = $1'),
    };
  });
  expect(facts).toEqual({
    events: MESSAGES,
    distinctMessages: MESSAGES,
    liveProfiles: CUSTOMERS,
    countedEvents: MESSAGES,
    wrongCounts: 0,
    wrongIdentities: 0,
    processedOut: MESSAGES,
    createdOut: facts.profiles,
    profiles: facts.profiles,
    mergedOut: facts.merges,
    merges: facts.merges,
  });
}

async function createTenant(database: Database): Promise<string> {
  const { rows } = await database.systemTx((tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO tenants (name, slug) VALUES ('Crash', 'crash-' || substr(md5(random()::text), 1, 8)) RETURNING id`,
    ),
  );
  return rows[0]!.id;
}

describe.each(testDatabaseEngines())('exactly-once profile processing under crashes on $name', (engine) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.dispose();
    test = undefined;
  });

  it('redelivers a batch that failed halfway, and the messages already processed change nothing', async () => {
    test = await engine.create();
    const { database } = test;
    const tenantId = await createTenant(database);
    const bus = new PgLogEventBus(database, { pollIntervalMs: 20, leaseMs: LEASE_MS, logError: () => {} });
    await publishAll(bus, tenantId);

    // The first consumer "crashes" in the middle of a batch, after committing part of it.
    const { consumer, counts } = countingConsumer(database);
    let handled = 0;
    let crashed = false;
    const crashing = await bus.subscribe({
      topic: CDP_EVENTS_TOPIC,
      group: PROFILES_CONSUMER_GROUP,
      maxBatchSize: 50,
      handler: async (batch) => {
        for (const [index, message] of batch.entries()) {
          if (!crashed && handled >= 120 && index >= 10) {
            crashed = true;
            throw new Error('crash in the middle of a batch');
          }
          await consumer.handle(message);
          handled += 1;
        }
      },
    });
    await eventually(() => expect(crashed).toBe(true), 30_000);
    await crashing.stop();

    const replacement = await consumer.subscribe(bus, { maxBatchSize: 50 });
    await eventually(async () => expect(await eventRows(database, tenantId)).toBe(MESSAGES), 60_000);
    await replacement.stop();
    await bus.close();

    expect(counts.duplicates).toBeGreaterThanOrEqual(10);
    await expectExactlyOnce(database, tenantId);
  });
});

// A killed process needs a database another process can open: the PostgreSQL server (PGlite is
// in-process), so this runs wherever DATABASE_URL is set — always in CI.
const serverEngines = testDatabaseEngines().filter((engine) => engine.name === 'postgres');

describe.each(serverEngines)(
  'exactly-once profile processing when the consumer process dies on $name',
  (engine) => {
    let test: TestDatabase | undefined;
    afterEach(async () => {
      await test?.dispose();
      test = undefined;
    });

    it('survives SIGKILL of the consumer process mid-batch: no message lost, none counted twice', async () => {
      test = await engine.create();
      const { database } = test;
      const tenantId = await createTenant(database);
      const bus = new PgLogEventBus(database, { pollIntervalMs: 20, leaseMs: LEASE_MS, logError: () => {} });
      await publishAll(bus, tenantId);

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./profiles-crash-consumer.ts', import.meta.url))],
        {
          env: { ...process.env, CRASH_TEST_DATABASE_URL: test.url, CRASH_TEST_LEASE_MS: String(LEASE_MS) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      const killedAt = await new Promise<number>((resolve, reject) => {
        child.on('exit', () => reject(new Error(`The consumer exited before it was killed:\n${stderr}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          const [, position, size, total] = line.split(' ').map(Number);
          // Well inside a batch: some of its messages are committed, its offset is not.
          if (total! >= 100 && position! >= 5 && position! <= size! - 10) {
            child.kill('SIGKILL');
            resolve(total!);
          }
        });
      });
      expect(await exited).toBe('SIGKILL');
      const processedBeforeKill = await eventRows(database, tenantId);
      expect(processedBeforeKill).toBeGreaterThanOrEqual(killedAt);
      expect(processedBeforeKill).toBeLessThan(MESSAGES);

      // A new consumer takes the partitions over once the dead one's lease runs out.
      const { consumer, counts } = countingConsumer(database);
      const replacement = await consumer.subscribe(bus, { maxBatchSize: 50 });
      await eventually(async () => expect(await eventRows(database, tenantId)).toBe(MESSAGES), 60_000);
      await replacement.stop();
      await bus.close();

      expect(counts.duplicates).toBeGreaterThan(0);
      await expectExactlyOnce(database, tenantId);
    });
  },
);
