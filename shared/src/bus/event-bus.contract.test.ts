import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredMessage, EventBus, Subscription } from '../ports/index.ts';
import { eventually, requiredService, testDatabaseEngines, type TestDatabase } from '../testing/index.ts';
import { KafkaEventBus } from './kafka-event-bus.ts';
import { PgLogEventBus } from './pg-log-event-bus.ts';

interface BusUnderTest {
  name: string;
  open(): Promise<{ bus: EventBus; dispose(): Promise<void> }>;
}

const buses: BusUnderTest[] = testDatabaseEngines().map((engine) => ({
  name: `Postgres log on ${engine.name}`,
  async open() {
    const test: TestDatabase = await engine.create();
    const bus = new PgLogEventBus(test.database, {
      partitions: 4,
      pollIntervalMs: 50,
      leaseMs: 3_000,
      logError: () => {},
    });
    return {
      bus,
      async dispose() {
        await bus.close();
        await test.dispose();
      },
    };
  },
}));
const kafkaBrokers = requiredService('KAFKA_BROKERS');
if (kafkaBrokers) {
  for (const packRecords of [true, false]) {
    buses.push({
      name: packRecords ? 'Kafka' : 'Kafka, a record per message',
      async open() {
        const bus = new KafkaEventBus({
          brokers: kafkaBrokers.split(','),
          partitions: 4,
          // Groups of their own: another run on the same broker cannot take this run's messages.
          groupPrefix: `contract-${randomUUID()}.`,
          packRecords,
          logError: () => {},
        });
        return { bus, dispose: () => bus.close() };
      },
    });
  }
}

const keys = ['profile-a', 'profile-b', 'profile-c', 'profile-d', 'profile-e'];
const messagesFor = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => ({
    key: keys[(from + index) % keys.length]!,
    value: { n: from + index, text: `message ${from + index} ✓` },
    headers: { 'message-id': `m-${from + index}` },
  }));

/**
 * Asserts each key's messages arrived in publish order: a message seen for the first time is never older
 * than one already seen for its key. Redelivered duplicates (at-least-once) are allowed.
 */
function expectPerKeyOrder(received: DeliveredMessage[]): void {
  const seen = new Set<number>();
  const newestByKey = new Map<string, number>();
  for (const message of received) {
    const n = (message.value as { n: number }).n;
    if (seen.has(n)) continue;
    seen.add(n);
    const newest = newestByKey.get(message.key) ?? -1;
    expect(n, `key ${message.key}: ${n} arrived after ${newest}`).toBeGreaterThan(newest);
    newestByKey.set(message.key, n);
  }
}

const distinct = (received: DeliveredMessage[]) =>
  new Set(received.map((message) => (message.value as { n: number }).n));

describe.each(buses)('EventBus contract: $name', (underTest) => {
  let bus: EventBus;
  let dispose: () => Promise<void>;
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    ({ bus, dispose } = await underTest.open());
  });
  afterAll(async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await dispose?.();
  });

  const subscribe = async (
    topic: string,
    group: string,
    handler: (batch: DeliveredMessage[]) => Promise<void>,
    options: { members?: number } = {},
  ) => {
    const subscription = await bus.subscribe({ topic, group, handler, maxBatchSize: 25, ...options });
    subscriptions.push(subscription);
    return subscription;
  };

  it('delivers every message with its key, value and headers, in order per key', async () => {
    const topic = `contract-order-${randomUUID()}`;
    const received: DeliveredMessage[] = [];
    await subscribe(topic, 'g1', async (batch) => {
      received.push(...batch);
    });
    await bus.publish(topic, messagesFor(100));
    await bus.publish(topic, messagesFor(100, 100));

    await eventually(() => expect(distinct(received).size).toBe(200), 30_000);
    expectPerKeyOrder(received);
    const first = received.find((message) => (message.value as { n: number }).n === 7)!;
    expect(first).toMatchObject({ topic, key: keys[7 % keys.length], headers: { 'message-id': 'm-7' } });
    expect(first.value).toEqual({ n: 7, text: 'message 7 ✓' });
  });

  it('runs several members of one subscription: every message arrives, in order per key', async () => {
    const topic = `contract-members-${randomUUID()}`;
    const received: DeliveredMessage[] = [];
    await subscribe(
      topic,
      'g1',
      async (batch) => {
        // Slow enough that batches queue up and calls run side by side.
        received.push(...batch);
        await new Promise((done) => setTimeout(done, 5));
      },
      { members: 3 },
    );
    for (let round = 0; round < 5; round++) await bus.publish(topic, messagesFor(40, round * 40));

    await eventually(() => expect(distinct(received).size).toBe(200), 30_000);
    expectPerKeyOrder(received);
  });

  it('redelivers a batch whose handler failed and commits only after success', async () => {
    const topic = `contract-retry-${randomUUID()}`;
    const received: DeliveredMessage[] = [];
    let failures = 0;
    await subscribe(topic, 'g1', async (batch) => {
      if (failures < 3 && batch.some((message) => (message.value as { n: number }).n === 10)) {
        failures += 1;
        throw new Error('handler crashed');
      }
      received.push(...batch);
    });
    await bus.publish(topic, messagesFor(40));

    await eventually(() => expect(distinct(received).size).toBe(40), 30_000);
    expect(failures).toBe(3);
    expectPerKeyOrder(received);
  });

  it('hands one key’s large publish over in several calls and, after a failure midway, loses nothing', async () => {
    const topic = `contract-large-${randomUUID()}`;
    const received: DeliveredMessage[] = [];
    const calls: number[] = [];
    let failed = false;
    const one = (count: number, from = 0) =>
      messagesFor(count, from).map((message) => ({ ...message, key: 'profile-a' }));
    const first = await bus.subscribe({
      topic,
      group: 'g1',
      maxBatchSize: 25,
      handler: async (batch) => {
        calls.push(batch.length);
        if (!failed && batch.some((message) => (message.value as { n: number }).n === 60)) {
          failed = true;
          throw new Error('handler crashed');
        }
        received.push(...batch);
      },
    });
    await bus.publish(topic, one(100));

    await eventually(() => expect(distinct(received).size).toBe(100), 30_000);
    expect(Math.max(...calls)).toBeLessThanOrEqual(25 * 4);
    expectPerKeyOrder(received);
    const positions = received.map((message) => `${message.offset}#${message.index ?? 0}`);
    expect(new Set(positions).size).toBe(distinct(received).size);
    await first.stop();

    // Everything handled was committed: a restarted group gets only what is published after.
    await bus.publish(topic, one(10, 100));
    const after: DeliveredMessage[] = [];
    await subscribe(topic, 'g1', async (batch) => void after.push(...batch));
    await eventually(() => expect(distinct(after).size).toBe(10), 30_000);
    expect(Math.min(...distinct(after))).toBe(100);
  });

  it('keeps delivering the other partitions while one message keeps failing', async () => {
    const topic = `contract-isolation-${randomUUID()}`;
    const received: DeliveredMessage[] = [];
    const partitionOfKey = new Map<string, number>();
    let heldBack: number | undefined;
    let poisoned = true;
    await subscribe(topic, 'g1', async (batch) => {
      for (const message of batch) partitionOfKey.set(message.key, message.partition);
      // Message 3 fails until the others are in: batches may join partitions, but a failing message
      // must hold back its own partition only.
      const poison = batch.find((message) => (message.value as { n: number }).n === 3);
      if (poisoned && poison) {
        heldBack = poison.partition;
        throw new Error('poison message');
      }
      received.push(...batch);
    });
    const published = messagesFor(50);
    await bus.publish(topic, published);

    await eventually(() => {
      expect(heldBack).toBeDefined();
      expect(partitionOfKey.size).toBe(keys.length);
      const arrived = distinct(received);
      const missing = published
        .map((message, n) => ({ n, partition: partitionOfKey.get(message.key) }))
        .filter(({ n, partition }) => partition !== heldBack && !arrived.has(n));
      expect(missing).toEqual([]);
    }, 30_000);
    expect(distinct(received).has(3)).toBe(false);
    poisoned = false;
    await eventually(() => expect(distinct(received).size).toBe(50), 30_000);
    expectPerKeyOrder(received);
  });

  it('splits a topic across a consumer group, while another group receives everything', async () => {
    const topic = `contract-groups-${randomUUID()}`;
    const workers: DeliveredMessage[][] = [[], []];
    const auditor: DeliveredMessage[] = [];
    await subscribe(topic, 'workers', async (batch) => void workers[0]!.push(...batch));
    await subscribe(topic, 'workers', async (batch) => void workers[1]!.push(...batch));
    await subscribe(topic, 'auditor', async (batch) => void auditor.push(...batch));
    await bus.publish(topic, messagesFor(120));

    await eventually(() => {
      expect(distinct([...workers[0]!, ...workers[1]!]).size).toBe(120);
      expect(distinct(auditor).size).toBe(120);
    }, 45_000);
    expectPerKeyOrder(auditor);
  });

  it('resumes a group from its committed offset after a restart', async () => {
    const topic = `contract-resume-${randomUUID()}`;
    const before: DeliveredMessage[] = [];
    const first = await bus.subscribe({
      topic,
      group: 'g1',
      handler: async (batch) => void before.push(...batch),
    });
    await bus.publish(topic, messagesFor(30));
    await eventually(() => expect(distinct(before).size).toBe(30), 30_000);
    await first.stop();

    await bus.publish(topic, messagesFor(30, 30));
    const after: DeliveredMessage[] = [];
    await subscribe(topic, 'g1', async (batch) => void after.push(...batch));
    await eventually(() => expect(distinct(after).size).toBe(30), 30_000);
    expect(Math.min(...distinct(after))).toBe(30);
  });
});
