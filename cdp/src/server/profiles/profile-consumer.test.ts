import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, TENANT_ID_HEADER } from '@orchestrator/shared/bus';
import type { Database, DeliveredMessage } from '@orchestrator/shared/ports';
import { embeddedTestDatabase, type TestDatabase } from '@orchestrator/shared/testing';
import { CDP_EVENTS_TOPIC } from '../../client/index.ts';
import { ProfileConsumer } from './profile-consumer.ts';
import { ProfileProcessor } from './profile-processor.ts';
import { countRows, createTenant, envelopeOf } from './profile-test-support.ts';
import { RejectedMessageRepository } from './rejected-message-repository.ts';

const silent = { warn: () => {}, error: () => {} };
let offset = 0;
const delivered = (value: unknown, tenantId: string | undefined): DeliveredMessage => ({
  topic: CDP_EVENTS_TOPIC,
  partition: 0,
  offset: offset++,
  key: 'k',
  value,
  headers: tenantId ? { [TENANT_ID_HEADER]: tenantId } : {},
});
const validEnvelope = (messageId: string) =>
  envelopeOf({
    type: 'track',
    event: 'Clicked',
    anonymousId: 'anon-9',
    messageId,
    timestamp: '2024-06-01T10:00:00Z',
  });

describe('ProfileConsumer', () => {
  let test: TestDatabase;
  let database: Database;
  let tenant: string;
  let rejected: RejectedMessageRepository;

  beforeAll(async () => {
    test = await embeddedTestDatabase.create();
    database = test.database;
    tenant = await createTenant(database);
    rejected = new RejectedMessageRepository(database);
  });
  afterAll(() => test?.dispose());

  const rejections = () =>
    database.systemTx(
      async (tx) =>
        (await tx.query<{ reason: string }>('SELECT reason FROM cdp_rejected_messages ORDER BY id')).rows,
    );

  it('records malformed messages instead of blocking the partition, and processes the rest', async () => {
    const consumer = new ProfileConsumer(new ProfileProcessor(database, new Outbox()), rejected, silent);
    const badTimestamp = validEnvelope('bad-time');
    badTimestamp.message = { ...badTimestamp.message, timestamp: '0000-06-01T10:00:00Z' };
    const nul = validEnvelope('nul');
    nul.message = { ...nul.message, properties: { text: 'a\u0000b' } } as typeof nul.message;
    const bad = [
      delivered(validEnvelope('no-tenant'), undefined),
      delivered({ sourceId: 's', receivedAt: 'now' }, tenant),
      delivered(
        { ...validEnvelope('x'), message: { type: 'track', messageId: 'no-event', timestamp: 'now' } },
        tenant,
      ),
      delivered(badTimestamp, tenant),
      delivered(nul, tenant),
    ];
    await consumer.handleBatch([...bad, delivered(validEnvelope('good'), tenant)]);
    // A redelivered batch records each rejection once.
    await consumer.handleBatch(bad);

    expect((await rejections()).map((row) => row.reason)).toEqual([
      expect.stringContaining('tenant-id'),
      expect.stringContaining('Not a CDP envelope'),
      expect.stringContaining('Invalid message'),
      expect.stringContaining('is not a date'),
      expect.stringContaining('Processing failed'),
    ]);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_events')).toBe(1);
    expect(await countRows(database, tenant, 'SELECT count(*) AS n FROM cdp_rejected_messages')).toBe(4);
  });

  it('throws transient failures for redelivery, and rejects a message that keeps failing', async () => {
    let failures = 0;
    const flaky = {
      process: async () => {
        failures++;
        throw Object.assign(new Error('deadlock detected'), { code: failures === 1 ? '40P01' : '23505' });
      },
    };
    const consumer = new ProfileConsumer(flaky, rejected, silent, 3);
    const message = delivered(validEnvelope('flaky'), tenant);
    const before = (await rejections()).length;

    await expect(consumer.handle(message)).rejects.toThrow('deadlock'); // transient: never counted
    await expect(consumer.handle(message)).rejects.toThrow(); // unknown: 1st attempt
    await expect(consumer.handle(message)).rejects.toThrow(); // 2nd
    await consumer.handle(message); // 3rd: rejected, the partition moves on
    expect(failures).toBe(4);
    expect((await rejections()).slice(before)).toEqual([
      { reason: expect.stringContaining('Processing failed') },
    ]);
  });
});
