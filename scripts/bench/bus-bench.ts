/**
 * What the Kafka bus costs a message, with and without packing (KAFKA_PACK_RECORDS): messages shaped
 * like the CDP's (~1.3 KB, two headers, keys spread over many profiles) published in calls of
 * `--batch`, up to 8 calls in flight, and read by `--groups` consumer groups (one of them parses every
 * value, as the profile builder does; the others decide by key and headers, as most followers do).
 * Alternating rounds of both forms on one broker; prints CPU per message of this process and of the
 * broker, and the ratio packed ÷ a record per message.
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 npm run bench:bus -- [--messages 60000] [--groups 4] [--batch 100] [--rounds 2]
 *
 * Results: the console, and scripts/bench/results/bus.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KafkaEventBus } from '../../shared/src/bus/kafka-event-bus.ts';
import type { OutgoingMessage } from '../../shared/src/ports/index.ts';
import { cpuPerEvent, startCpuAccounting } from './cpu-accounting.ts';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '60000' },
    groups: { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '2' },
  },
});
const MESSAGES = Number(args.messages);
const GROUPS = Number(args.groups);
const BATCH = Number(args.batch);
const ROUNDS = Number(args.rounds);
const brokers = process.env.KAFKA_BROKERS?.split(',');
if (!brokers) {
  console.error('bench:bus needs a broker: KAFKA_BROKERS=127.0.0.1:9092 (scripts/kafka/start.sh starts one)');
  process.exit(1);
}

/** A track call as analytics.js sends it, as the ingest publishes it (the envelope's size, not its schema). */
function messagesOf(round: string): OutgoingMessage[][] {
  const calls: OutgoingMessage[][] = [];
  for (let start = 0; start < MESSAGES; start += BATCH) {
    calls.push(
      Array.from({ length: Math.min(BATCH, MESSAGES - start) }, (_, offset) => {
        const n = start + offset;
        const anonymousId = `anon-${round}-${n % 15_000}`;
        return {
          key: `tenant:${anonymousId}`,
          headers: { 'tenant-id': round, 'message-id': `m-${n}` },
          value: {
            sourceId: round,
            receivedAt: new Date().toISOString(),
            message: {
              type: 'track',
              event: 'Product Viewed',
              messageId: `m-${n}`,
              anonymousId,
              properties: { sku: `sku-${n % 500}`, price: 12.5, currency: 'EUR', list: 'search results' },
              context: {
                library: { name: 'analytics.js', version: '4.1.0' },
                userAgent:
                  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0',
                ip: '203.0.113.7',
                locale: 'en-GB',
                page: {
                  path: '/products/sku',
                  url: 'https://shop.example.io/products/sku',
                  title: 'A product',
                },
                campaign: { source: 'newsletter', medium: 'email', name: 'autumn' },
              },
              timestamp: new Date().toISOString(),
              notes: 'x'.repeat(600),
            },
          },
        };
      }),
    );
  }
  return calls;
}

interface RoundResult {
  packed: boolean;
  seconds: number;
  messagesPerSecond: number;
  cpuMsPerMessage: { node: number; kafka?: number; total: number };
}

async function round(packed: boolean): Promise<RoundResult> {
  const id = randomUUID();
  const bus = new KafkaEventBus({
    brokers: brokers!,
    partitions: 8,
    groupPrefix: `bench-bus-${id}.`,
    packRecords: packed,
    logError: (message, error) => console.error(message, error),
  });
  const topic = `bench-bus-${id}`;
  const calls = messagesOf(id);
  let received = 0;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const subscriptions = [];
  for (let group = 0; group < GROUPS; group++) {
    subscriptions.push(
      await bus.subscribe({
        topic,
        group: `g${group}`,
        handler: async (batch) => {
          if (group === 0) for (const message of batch) void message.value;
          received += batch.length;
          if (received >= MESSAGES * GROUPS) finish();
        },
      }),
    );
  }
  // Groups joined and the producer connected before the clock starts.
  await bus.publish(topic, [{ key: 'warm-up', value: null }]);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  received = 0;

  const cpu = await startCpuAccounting({ kafka: true });
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const call of calls) {
    inFlight.push(bus.publish(topic, call));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const used = cpuPerEvent(await cpu.stop(), MESSAGES);
  await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  await bus.close();
  return {
    packed,
    seconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round(MESSAGES / seconds),
    cpuMsPerMessage: { node: used.node, kafka: used.kafka, total: used.total },
  };
}

console.log(
  `bus: ${MESSAGES} messages in calls of ${BATCH}, ${GROUPS} consumer groups, ${ROUNDS} rounds of each form`,
);
const rounds: RoundResult[] = [];
for (let index = 0; index < ROUNDS * 2; index++) {
  const result = await round(index % 2 === 0);
  rounds.push(result);
  const cost = result.cpuMsPerMessage;
  console.log(
    `  ${result.packed ? 'packed    ' : 'one each  '} ${result.messagesPerSecond} messages/s, CPU ${cost.total} ms a message ` +
      `(this process ${cost.node}, broker ${cost.kafka ?? '?'})`,
  );
}
const mean = (packed: boolean) => {
  const chosen = rounds.filter((result) => result.packed === packed);
  return chosen.reduce((sum, result) => sum + result.cpuMsPerMessage.total, 0) / chosen.length;
};
const ratio = Math.round((mean(true) / mean(false)) * 100) / 100;
console.log(`  packed ÷ one record per message, CPU a message: ${ratio}`);

const directory = join(import.meta.dirname, 'results');
mkdirSync(directory, { recursive: true });
writeFileSync(
  join(directory, 'bus.json'),
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: { cores: cpus().length, loadAverage: loadavg() },
      settings: { messages: MESSAGES, groups: GROUPS, batch: BATCH, rounds: ROUNDS },
      rounds,
      cpuRatioPackedToSingle: ratio,
    },
    null,
    2,
  )}\n`,
);
