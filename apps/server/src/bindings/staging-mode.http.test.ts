import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '@orchestrator/mocks/node';
import { SUPABASE_MOCK_DEFAULT_JWT_SECRET, SUPABASE_MOCK_DEFAULT_URL } from '@orchestrator/mocks';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { requiredService } from '@orchestrator/shared/testing';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { startSuite, type RunningSuite } from '../suite.ts';
import { call } from '../testing/start-test-suite.ts';

const databaseUrl = requiredService('DATABASE_URL');
const kafkaBrokers = requiredService('KAFKA_BROKERS');
const redisUrl = requiredService('REDIS_URL');

/**
 * The staging binding set against the real PostgreSQL server, Kafka and Redis, with only the
 * third-party HTTP APIs (Supabase Auth, OpenAI, Resend, Kestra) answered by the mocks.
 */
describe.skipIf(!databaseUrl || !kafkaBrokers || !redisUrl)('staging mode on real services', () => {
  let mocks: MockServer;
  let database: TestDatabase;
  let suite: RunningSuite;

  beforeAll(async () => {
    mocks = startMockServer();
    database = await testDatabaseEngines()
      .find((engine) => engine.name === 'postgres')!
      .create({ migrate: false });
    suite = await startSuite({
      env: {
        APP_MODE: 'staging',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'http://localhost:3000',
        DATABASE_URL: database.url,
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
      },
    });
  });

  afterAll(async () => {
    await suite?.close();
    await database?.dispose();
    mocks?.close();
  });

  it('signs up through Supabase Auth and serves the workspace', async () => {
    const email = `sam-${randomUUID()}@example.com`;
    const signup = await call(suite, 'POST', '/api/v1/auth/signup', {
      body: { email, password: 'password123', name: 'Sam', workspace: 'Sam Staging' },
    });
    expect(signup).toMatchObject({ status: 201, body: { role: 'owner', user: { email } } });
    const login = await call(suite, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'password123' },
    });
    expect(login.status).toBe(200);
    const me = await call(suite, 'GET', '/api/v1/auth/me', { token: login.body.token });
    expect(me.body.tenant.id).toBe(signup.body.tenant.id);
    expect((await call(suite, 'GET', '/api/v1/meta')).body).toMatchObject({
      mode: 'staging',
      mailbox: false,
    });
    expect((await call(suite, 'GET', '/api/v1/dev/mailbox', { token: login.body.token })).status).toBe(404);

    // A source's debugger keeps what it sent in Redis: a refused request is listed with its reason.
    const token = login.body.token;
    const source = await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'Web' } });
    const refused = await call(suite, 'POST', '/v1/track', {
      headers: { authorization: `Basic ${Buffer.from(`${source.body.writeKey}:`).toString('base64')}` },
      body: { event: 'No Identity' },
    });
    expect(refused.status).toBe(400);
    const listed = await call(suite, 'GET', `/api/v1/cdp/sources/${source.body.id}/debugger`, { token });
    expect(listed.body.items).toMatchObject([
      { status: 'refused', reason: 'The track message is invalid; nothing was accepted' },
    ]);
  });

  it('relays outbox messages to Kafka', async () => {
    const bus = await resolve(suite.container, TOKENS.EventBus);
    const outbox = await resolve(suite.container, TOKENS.Outbox);
    const db = await resolve(suite.container, TOKENS.Database);
    const topic = `staging-check-${randomUUID()}`;
    const received: unknown[] = [];
    const subscription = await bus.subscribe({
      topic,
      group: 'staging-test',
      handler: async (batch) => void received.push(...batch.map((m) => m.value)),
    });
    const tenantId = (
      await call(suite, 'POST', '/api/v1/auth/signup', {
        body: {
          email: `kai-${randomUUID()}@example.com`,
          password: 'password123',
          name: 'Kai',
          workspace: 'Kai',
        },
      })
    ).body.tenant.id;
    await db.tenantTx(tenantId, (tx) =>
      outbox.enqueue(tx, tenantId, [{ topic, key: 'k', value: { hello: 'kafka' } }]),
    );
    await expect.poll(() => received, { timeout: 30_000 }).toEqual([{ hello: 'kafka' }]);
    await subscription.stop();
  });
});
