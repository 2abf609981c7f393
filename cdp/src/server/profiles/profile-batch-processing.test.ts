import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { Database, DeliveredMessage } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { CDP_EVENTS_TOPIC } from '../../client/index.ts';
import { isTransientFailure } from './processing-failures.ts';
import { MergeUndo } from './merge-undo.ts';
import { ProfileConsumer } from './profile-consumer.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { countRows, createTenant, envelopeOf, liveProfiles } from './profile-test-support.ts';
import { RejectedMessageRepository } from './rejected-message-repository.ts';

type Raw = Record<string, unknown> & { messageId: string; timestamp: string };

const at = (minute: number, second = 0) => new Date(Date.UTC(2024, 2, 1, 9, minute, second)).toISOString();

/** Devices, e-mails, user ids, an alias, a second user id on a shared device, a placeholder, a group. */
function customerMessages(customer: number): Raw[] {
  const id = (name: string) => `${name}-${customer}`;
  const email = `c${customer}@acme.io`;
  return [
    { type: 'page', messageId: id('m1'), timestamp: at(customer, 1), anonymousId: id('desk') },
    { type: 'page', messageId: id('m2'), timestamp: at(customer, 2), anonymousId: id('mobile') },
    {
      type: 'identify',
      messageId: id('m3'),
      timestamp: at(customer, 3),
      anonymousId: id('desk'),
      traits: { email, plan: 'free' },
    },
    {
      type: 'identify',
      messageId: id('m4'),
      timestamp: at(customer, 4),
      anonymousId: id('mobile'),
      traits: { email, plan: 'pro' },
    },
    {
      type: 'track',
      messageId: id('m5'),
      timestamp: at(customer, 5),
      event: 'Paid',
      userId: id('user'),
      anonymousId: id('desk'),
    },
    {
      type: 'identify',
      messageId: id('m6'),
      timestamp: at(customer, 6),
      userId: id('user'),
      traits: { email, name: id('N') },
    },
    { type: 'page', messageId: id('m7'), timestamp: at(customer, 7), anonymousId: id('tablet') },
    {
      type: 'alias',
      messageId: id('m8'),
      timestamp: at(customer, 8),
      previousId: id('tablet'),
      userId: id('user'),
    },
    {
      type: 'identify',
      messageId: id('m9'),
      timestamp: at(customer, 9),
      anonymousId: id('desk'),
      userId: id('other-user'),
    },
    { type: 'track', messageId: id('m10'), timestamp: at(customer, 10), event: 'Ping', userId: 'undefined' },
    {
      type: 'group',
      messageId: id('m11'),
      timestamp: at(customer, 11),
      groupId: 'acme',
      userId: id('user'),
      traits: { name: 'Acme' },
    },
  ];
}

/** Cuts the messages into consecutive chunks of the given sizes (cycled). */
function chunked<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0, turn = 0; start < items.length; turn++) {
    const size = Math.max(1, sizes[turn % sizes.length]!);
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

describe.each(testDatabaseEngines())('batched profile processing on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let processor: ProfileProcessor;

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    processor = new ProfileProcessor(database, new Outbox());
  }, 120_000);
  afterAll(() => test?.dispose());

  const outboxOf = (tenantId: string) =>
    database.systemTx(async (tx) => {
      const { rows } = await tx.query<{ type: string; message_id: string | null }>(
        `SELECT payload->>'type' AS type, coalesce(payload->'message'->>'messageId', payload->>'messageId') AS message_id
         FROM outbox WHERE tenant_id = $1 ORDER BY id`,
        [tenantId],
      );
      return rows.map((row) => `${row.type} ${row.message_id ?? ''}`);
    });

  const sequentially = async (messages: readonly Raw[]) => {
    const tenant = await createTenant(database);
    const outcomes = [];
    for (const message of messages) outcomes.push(await processor.process(tenant, envelopeOf(message)));
    return { tenant, outcomes };
  };

  const inChunks = async (messages: readonly Raw[], sizes: readonly number[]) => {
    const tenant = await createTenant(database);
    const outcomes = [];
    for (const chunk of chunked(messages, sizes)) {
      outcomes.push(
        ...(await processor.processBatch(
          tenant,
          chunk.map((message) => envelopeOf(message)),
        )),
      );
    }
    return { tenant, outcomes };
  };

  it('has exactly the effect of processing the messages one by one, whatever the chunks', async () => {
    const messages = [0, 1, 2].flatMap(customerMessages);
    const expected = await sequentially(messages);
    const expectedProfiles = await liveProfiles(database, expected.tenant);
    const expectedOutbox = await outboxOf(expected.tenant);
    const merges = (tenant: string) => countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_merges');

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: messages.length }), { minLength: 1, maxLength: 4 }),
        async (sizes) => {
          const batched = await inChunks(messages, sizes);
          expect(await liveProfiles(database, batched.tenant)).toEqual(expectedProfiles);
          expect(await outboxOf(batched.tenant)).toEqual(expectedOutbox);
          expect(batched.outcomes.map((outcome) => outcome.kind)).toEqual(
            expected.outcomes.map((outcome) => outcome.kind),
          );
          expect(await merges(batched.tenant)).toBe(await merges(expected.tenant));
        },
      ),
      { numRuns: engine.name === 'pglite' ? 6 : 12 },
    );
  }, 120_000);

  it('has the effect of one-by-one processing in any order, chunked anyhow', async () => {
    // A second user id on a device makes the outcome depend on the order (Segment's limits do), so
    // each order is compared with itself processed one by one.
    const messages = [3, 4].flatMap(customerMessages);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(messages, { minLength: messages.length }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
        async (order, sizes) => {
          const expected = await sequentially(order);
          const batched = await inChunks(order, sizes);
          expect(await liveProfiles(database, batched.tenant)).toEqual(
            await liveProfiles(database, expected.tenant),
          );
          expect(await outboxOf(batched.tenant)).toEqual(await outboxOf(expected.tenant));
        },
      ),
      { numRuns: engine.name === 'pglite' ? 6 : 12 },
    );
  }, 120_000);

  it('stores a message repeated in a batch, or redelivered, once', async () => {
    const messages = customerMessages(5);
    const tenant = await createTenant(database);
    const first = await processor.processBatch(
      tenant,
      [...messages.slice(0, 4), messages[0]!, messages[2]!].map((message) => envelopeOf(message)),
    );
    expect(first.map((outcome) => outcome.kind)).toEqual([
      'processed',
      'processed',
      'processed',
      'processed',
      'duplicate',
      'duplicate',
    ]);
    const again = await processor.processBatch(
      tenant,
      messages.map((message) => envelopeOf(message)),
    );
    expect(again.slice(0, 4).every((outcome) => outcome.kind === 'duplicate')).toBe(true);
    const expected = await liveProfiles(database, (await sequentially(messages)).tenant);
    expect(await liveProfiles(database, tenant)).toEqual(expected);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(messages.length);
  }, 120_000);

  it('records the merges of a batch so that each can be undone', async () => {
    const messages = customerMessages(6).slice(0, 8);
    const sequential = await sequentially(messages);
    const batched = await inChunks(messages, [messages.length]);
    const undo = new MergeUndo(database, new Outbox());
    // Newest first: undo refuses to split a survivor that was merged later.
    const undoAll = async (tenant: string) => {
      const { rows } = await database.tenantTx(tenant, (tx) =>
        tx.query<{ id: string }>('SELECT id FROM cdp_merges ORDER BY processed_seq DESC, created_at DESC'),
      );
      for (const row of rows) await undo.undo(tenant, row.id);
      return rows.length;
    };
    const merges = await undoAll(sequential.tenant);
    expect(merges).toBeGreaterThan(1);
    expect(await undoAll(batched.tenant)).toBe(merges);
    expect(await liveProfiles(database, batched.tenant)).toEqual(
      await liveProfiles(database, sequential.tenant),
    );
  }, 120_000);

  // Concurrency needs several connections: the PostgreSQL server (PGlite is one session).
  if (engine.name === 'postgres')
    it('cannot race: concurrent batches build exactly the profiles sequential processing does', async () => {
      const customers = 12;
      // Without the order-dependent second user id: any interleaving must give the same profiles.
      const messages = Array.from({ length: customers }, (_, customer) => customerMessages(20 + customer))
        .flat()
        .filter((message) => !message.messageId.startsWith('m9-'));
      const expected = await liveProfiles(database, (await sequentially(messages)).tenant);

      const tenant = await createTenant(database);
      let seed = 7;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const queue = [...messages].sort(() => random() - 0.5);
      const workers = Array.from({ length: 4 }, async () => {
        const own = new ProfileProcessor(database, new Outbox());
        while (queue.length > 0) {
          const chunk = queue.splice(0, 1 + Math.floor(random() * 15));
          for (;;) {
            try {
              await own.processBatch(
                tenant,
                chunk.map((message) => envelopeOf(message)),
              );
              break;
            } catch (error) {
              if (!isTransientFailure(error)) throw error;
            }
          }
        }
      });
      await Promise.all(workers);
      expect(await liveProfiles(database, tenant)).toEqual(expected);
    }, 120_000);

  if (engine.name === 'postgres') {
    it('rolls back, as a transient failure, a batch one of whose messages was stored meanwhile', async () => {
      // A message with nothing to lock on (a placeholder id) can be processed by two transactions at
      // once: the one that stores it second must not apply it again.
      const message: Raw = {
        type: 'track',
        event: 'Ping',
        userId: 'undefined',
        messageId: 'race-1',
        timestamp: at(1),
      };
      const tenant = await createTenant(database);
      // The first processor stops right before it writes; the second processes the message meanwhile.
      let atWrite!: () => void;
      const reachedWrite = new Promise<void>((resolve) => (atWrite = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const paused: Database = {
        engine: database.engine,
        ping: () => database.ping(),
        vacuum: (table) => database.vacuum(table),
        close: () => database.close(),
        systemTx: (work) => database.systemTx(work),
        systemQuery: (sql, params) => database.systemQuery(sql, params),
        tenantTx: (tenantId, work) =>
          database.tenantTx(tenantId, (tx) =>
            work({
              ...tx,
              async query(sql, params) {
                if (sql.includes('INSERT INTO cdp_events')) {
                  atWrite();
                  await released;
                }
                return tx.query(sql, params);
              },
            }),
          ),
      };
      const first = new ProfileProcessor(paused, new Outbox())
        .process(tenant, envelopeOf(message))
        .catch((error: unknown) => error);
      await reachedWrite;
      expect(await processor.process(tenant, envelopeOf(message))).toMatchObject({ kind: 'unattributed' });
      release();
      const failure = await first;
      expect(isTransientFailure(failure)).toBe(true);
      expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(1);
      expect(await processor.process(tenant, envelopeOf(message))).toEqual({ kind: 'duplicate' });
    }, 120_000);
  }

  it('consumes a delivered batch of several tenants per tenant, and isolates a bad message', async () => {
    const tenants = [await createTenant(database), await createTenant(database)];
    const calls: Array<{ tenantId: string; size: number }> = [];
    const spy = {
      process: (tenantId: string, envelope: Parameters<ProfileProcessor['process']>[1]) =>
        processor.process(tenantId, envelope),
      processBatch: (tenantId: string, envelopes: Parameters<ProfileProcessor['processBatch']>[1]) => {
        calls.push({ tenantId, size: envelopes.length });
        return processor.processBatch(tenantId, envelopes);
      },
    };
    const consumer = new ProfileConsumer(spy, new RejectedMessageRepository(database), {
      warn: () => {},
      error: () => {},
    });
    let offset = 0;
    const delivered = (tenantId: string, raw: Raw): DeliveredMessage => ({
      topic: CDP_EVENTS_TOPIC,
      partition: 3,
      offset: offset++,
      key: 'k',
      value: envelopeOf(raw),
      headers: { [TENANT_ID_HEADER]: tenantId },
    });
    const bad = envelopeOf({
      type: 'track',
      event: 'X',
      anonymousId: 'a',
      messageId: 'bad',
      timestamp: at(1),
    });
    bad.message = { ...bad.message, properties: { text: 'a\u0000b' } } as typeof bad.message;
    const messages = customerMessages(40);
    const batch = [
      ...messages.map((raw, index) => delivered(tenants[index % 2]!, raw)),
      { ...delivered(tenants[0]!, messages[0]!), value: bad },
    ];
    await consumer.handleBatch(batch);

    expect(calls).toEqual([
      { tenantId: tenants[0], size: Math.ceil(messages.length / 2) + 1 },
      { tenantId: tenants[1], size: Math.floor(messages.length / 2) },
    ]);
    const events = (tenant: string) => countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events');
    expect(await events(tenants[0]!)).toBe(Math.ceil(messages.length / 2));
    expect(await events(tenants[1]!)).toBe(Math.floor(messages.length / 2));
    expect(await countRows(database, tenants[0]!, 'SELECT count(*) AS n FROM cdp_rejected_messages')).toBe(1);
  }, 120_000);
});
