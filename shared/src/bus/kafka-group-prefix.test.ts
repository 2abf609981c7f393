import { randomUUID } from 'node:crypto';
import { KafkaJSProtocolError, type Admin } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../ports/index.ts';
import { eventually, requiredService } from '../testing/index.ts';
import { KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus.ts';

const kafkaBrokers = requiredService('KAFKA_BROKERS');

describe('Kafka consumer groups of a suite (KAFKA_GROUP_PREFIX, KAFKA_NEW_GROUPS_FROM)', () => {
  const buses: KafkaEventBus[] = [];
  afterAll(() => Promise.all(buses.map((bus) => bus.close())));

  it('puts the prefix before every group id, and leaves the plain ids without one', () => {
    const subscription = { group: 'flows-triggers', topic: 'cdp.profile-events' };
    expect(new KafkaEventBus({ brokers: ['127.0.0.1:9'] }).groupIdOf(subscription)).toBe(
      'flows-triggers.cdp.profile-events',
    );
    expect(
      new KafkaEventBus({ brokers: ['127.0.0.1:9'], groupPrefix: 'ci-42.' }).groupIdOf(subscription),
    ).toBe('ci-42.flows-triggers.cdp.profile-events');
  });

  if (kafkaBrokers) {
    /** A suite of its own on the broker: a bus with a group prefix nobody else uses. */
    const openBus = (options: Pick<KafkaEventBusOptions, 'newGroupsFrom'> = {}) => {
      const bus = new KafkaEventBus({
        brokers: kafkaBrokers.split(','),
        partitions: 2,
        groupPrefix: `suite-${randomUUID()}.`,
        logError: () => {},
        ...options,
      });
      buses.push(bus);
      return bus;
    };

    it('gives two suites on one broker, with the same group names, every message each', async () => {
      const topic = `prefix-${randomUUID()}`;
      const suites = [openBus(), openBus()];
      const received: DeliveredMessage[][] = [[], []];
      await Promise.all(
        suites.map((bus, index) =>
          bus.subscribe({
            topic,
            group: 'workers',
            handler: async (batch) => void received[index]!.push(...batch),
          }),
        ),
      );
      await suites[0]!.publish(
        topic,
        Array.from({ length: 20 }, (_, n) => ({ key: `k${n % 3}`, value: { n } })),
      );
      await eventually(() => {
        for (const own of received) {
          expect(new Set(own.map((message) => (message.value as { n: number }).n)).size).toBe(20);
        }
      }, 45_000);
    });

    it('starts a new group at the end when asked, so it skips the history but misses nothing later', async () => {
      const topic = `from-end-${randomUUID()}`;
      const bus = openBus({ newGroupsFrom: 'end' });
      const values = (from: number, count: number) =>
        Array.from({ length: count }, (_, index) => ({ key: `k${index % 3}`, value: { n: from + index } }));
      await bus.publish(topic, values(0, 5));
      const received: DeliveredMessage[] = [];
      await bus.subscribe({ topic, group: 'late', handler: async (batch) => void received.push(...batch) });
      await bus.publish(topic, values(5, 3));
      await eventually(() => {
        expect([...new Set(received.map((message) => (message.value as { n: number }).n))].sort()).toEqual([
          5, 6, 7,
        ]);
      }, 45_000);
    });

    it('starts a new group at the end of a topic whose broker refuses with retriable errors at first', async () => {
      const topic = `not-leader-${randomUUID()}`;
      const bus = openBus({ newGroupsFrom: 'end' });
      await bus.publish(topic, [{ key: 'k', value: { n: 0 } }]);
      // What a broker under load answered in CI for a topic created a moment before.
      const refusal = (message: string, type: string, code: number) =>
        new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: true }));
      const admin = (bus as unknown as { admin: Admin }).admin;
      const fetchTopicOffsets = admin.fetchTopicOffsets.bind(admin);
      const setOffsets = admin.setOffsets.bind(admin);
      let offsetRefusals = 2;
      let setRefusals = 1;
      admin.fetchTopicOffsets = async (name) => {
        if (offsetRefusals-- > 0) {
          throw refusal(
            'This server is not the leader for that topic-partition',
            'NOT_LEADER_FOR_PARTITION',
            6,
          );
        }
        return fetchTopicOffsets(name);
      };
      admin.setOffsets = async (options) => {
        if (setRefusals-- > 0) {
          throw refusal(
            "The coordinator is loading and hence can't process requests",
            'COORDINATOR_LOAD_IN_PROGRESS',
            14,
          );
        }
        return setOffsets(options);
      };
      const received: DeliveredMessage[] = [];
      await bus.subscribe({ topic, group: 'late', handler: async (batch) => void received.push(...batch) });
      await bus.publish(topic, [{ key: 'k', value: { n: 1 } }]);
      await eventually(() => {
        expect(received.map((message) => (message.value as { n: number }).n)).toEqual([1]);
      }, 45_000);
      expect([offsetRefusals, setRefusals]).toEqual([-1, -1]);
    });
  }
});
