import { randomUUID } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPABASE_MOCK_DEFAULT_JWT_SECRET, SUPABASE_MOCK_DEFAULT_URL } from '@orchestrator/mocks';
import { startMockServer, type MockServer } from '@orchestrator/mocks/node';
import { requiredService, testDatabaseEngines, type TestDatabaseEngine } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { startTestSuite } from '../testing/start-test-suite.ts';
import { newSource, recordCdpEvents, type CdpEventRecorder } from './ingest-test-kit.ts';

interface IngestSetup {
  name: string;
  start(): Promise<{ suite: RunningSuite; close(): Promise<void> }>;
}

const onEngine = (engine: TestDatabaseEngine): IngestSetup => ({
  name: engine.name,
  async start() {
    const suite = await startTestSuite(engine);
    return { suite, close: () => suite.close() };
  },
});

/** Postgres + Kafka through the staging bindings (only third-party HTTP APIs mocked), when configured. */
function onKafka(): IngestSetup[] {
  const kafkaBrokers = requiredService('KAFKA_BROKERS');
  const redisUrl = requiredService('REDIS_URL');
  const postgres = testDatabaseEngines().find((engine) => engine.name === 'postgres');
  if (!kafkaBrokers || !redisUrl || !postgres) return [];
  return [
    {
      name: 'postgres + kafka',
      async start() {
        const mocks: MockServer = startMockServer();
        const suite = await startTestSuite(postgres, {
          APP_MODE: 'staging',
          PUBLIC_URL: 'http://localhost:3000',
          KAFKA_BROKERS: kafkaBrokers,
          // Consumer groups of its own, from now on: suites running at once on the broker do not share
          // messages, and none replays the history other runs left on the topics.
          KAFKA_GROUP_PREFIX: `test-${randomUUID()}.`,
          KAFKA_NEW_GROUPS_FROM: 'end',
          REDIS_URL: redisUrl,
          SUPABASE_URL: SUPABASE_MOCK_DEFAULT_URL,
          SUPABASE_ANON_KEY: 'anon-key',
          SUPABASE_JWT_SECRET: SUPABASE_MOCK_DEFAULT_JWT_SECRET,
          OPENAI_API_KEY: 'sk-test',
          KESTRA_URL: 'http://kestra.mock:8080',
          EMAIL_API_KEY: 're_test',
        });
        return {
          suite,
          async close() {
            await suite.close();
            mocks.close();
          },
        };
      },
    },
  ];
}

describe.each([...testDatabaseEngines().map(onEngine), ...onKafka()])(
  'the real @segment/analytics-node SDK against the ingest on $name',
  (setup) => {
    let running: Awaited<ReturnType<IngestSetup['start']>>;
    let recorder: CdpEventRecorder;
    beforeAll(async () => {
      running = await setup.start();
      recorder = await recordCdpEvents(running.suite);
    });
    afterAll(async () => {
      await recorder?.stop();
      await running?.close();
    });

    it('delivers every call the SDK makes to the bus, with its messageIds', async () => {
      const { suite } = running;
      const { tenantId, sourceId, writeKey } = await newSource(suite);
      const analytics = new Analytics({
        writeKey,
        host: suite.url,
        flushAt: 2,
        flushInterval: 100,
        maxRetries: 0,
      });
      const errors: unknown[] = [];
      analytics.on('error', (error) => errors.push(error));
      const sent: Array<{ messageId: string; type: string }> = [];
      analytics.on('http_request', (request) => {
        const { batch } = JSON.parse(request.body) as { batch: Array<{ messageId: string; type: string }> };
        sent.push(...batch.map(({ messageId, type }) => ({ messageId, type })));
      });
      const responses: number[] = [];
      analytics.on('http_response', (response) => responses.push(response.status));

      analytics.identify({ userId: 'sdk-user', traits: { email: 'sdk@example.com', plan: 'pro' } });
      analytics.track({ userId: 'sdk-user', event: 'Item Purchased', properties: { revenue: 39.95 } });
      analytics.page({
        anonymousId: 'sdk-anon',
        category: 'Docs',
        name: 'Node',
        properties: { path: '/docs' },
      });
      analytics.screen({ userId: 'sdk-user', name: 'Settings' });
      analytics.group({ userId: 'sdk-user', groupId: 'acme', traits: { name: 'Acme' } });
      analytics.alias({ userId: 'sdk-user', previousId: 'sdk-anon' });
      await analytics.closeAndFlush({ timeout: 20_000 });

      expect(errors).toEqual([]);
      expect(responses.length).toBeGreaterThanOrEqual(3); // flushAt 2: it really sent several batches
      expect(responses.every((status) => status === 200)).toBe(true);
      expect(sent.map((s) => s.type).sort()).toEqual([
        'alias',
        'group',
        'identify',
        'page',
        'screen',
        'track',
      ]);

      const arrived = await recorder.arrivals(sourceId, 6);
      expect(arrived.map((m) => m.value.message.messageId).sort()).toEqual(
        sent.map((s) => s.messageId).sort(),
      );
      for (const { headers, value } of arrived) {
        expect(headers['tenant-id']).toBe(tenantId);
        expect(headers['message-id']).toBe(value.message.messageId);
        expect(value.message.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
      }
      const track = arrived.find((m) => m.value.message.type === 'track')!;
      expect(track.key).toBe(`${tenantId}:sdk-user`);
      expect(track.value.message).toMatchObject({ event: 'Item Purchased', properties: { revenue: 39.95 } });
      const page = arrived.find((m) => m.value.message.type === 'page')!;
      expect(page.key).toBe(`${tenantId}:sdk-anon`);
      expect(page.value.message).toMatchObject({ category: 'Docs', name: 'Node' });
      const alias = arrived.find((m) => m.value.message.type === 'alias')!;
      expect(alias.value.message).toMatchObject({ userId: 'sdk-user', previousId: 'sdk-anon' });
    });
  },
);
