import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPABASE_MOCK_DEFAULT_JWT_SECRET, SUPABASE_MOCK_DEFAULT_URL } from '@orchestrator/mocks';
import { startMockServer, type MockServer } from '@orchestrator/mocks/node';
import { requiredService, testDatabaseEngines, type TestDatabaseEngine } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { newSource, type TestSource } from '../cdp/ingest-test-kit.ts';
import { flowEdge, flowNode, publishFlow, segment, settledRun, welcomeFlowGraph } from './flows-test-kit.ts';

interface Mail {
  to: string[];
  subject: string;
  text?: string;
}

interface FlowsSetup {
  name: string;
  start(): Promise<{ suite: RunningSuite; mails(token: string): Promise<Mail[]>; close(): Promise<void> }>;
}

const onEngine = (engine: TestDatabaseEngine): FlowsSetup => ({
  name: engine.name,
  async start() {
    const suite = await startTestSuite(engine);
    return {
      suite,
      mails: async (token) => (await call(suite, 'GET', '/api/v1/dev/mailbox', { token })).body.items,
      close: () => suite.close(),
    };
  },
});

/** Postgres + Kafka through the staging bindings (third-party HTTP APIs mocked), when configured. */
function onKafka(): FlowsSetup[] {
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
          mails: async () => mocks.mailbox.list(),
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
  'automations end to end on $name',
  (setup) => {
    let running: Awaited<ReturnType<FlowsSetup['start']>>;
    let source: TestSource;
    beforeAll(async () => {
      running = await setup.start();
      source = await newSource(running.suite);
    });
    afterAll(() => running?.close());

    it('runs a published flow on a Segment track: trigger → condition → e-mail in the mailbox', async () => {
      const { suite } = running;
      const { token, writeKey } = source;
      const flowId = await publishFlow(suite, token, { name: 'Welcome pros', graph: welcomeFlowGraph() });

      const userId = `user-${randomUUID().slice(0, 8)}`;
      const email = `${userId}@example.com`;
      await segment(suite, writeKey, 'identify', { userId, traits: { email, firstName: 'Ada' } });
      await segment(suite, writeKey, 'track', { userId, event: 'Signed Up', properties: { plan: 'pro' } });

      const run = await settledRun(suite, token, flowId, 'completed');
      expect(run).toMatchObject({ flowId, version: 1, status: 'completed', test: false, error: null });
      expect(run.trigger).toMatchObject({ event: 'Signed Up', properties: { plan: 'pro' } });
      expect(
        run.steps.map((step: { nodeId: string; status: string; handle: string | null }) => [
          step.nodeId,
          step.status,
          step.handle,
        ]),
      ).toEqual([
        ['trigger', 'succeeded', 'next'],
        ['is-pro', 'succeeded', 'true'],
        ['welcome', 'succeeded', 'next'],
      ]);
      const welcome = run.steps[2];
      expect(welcome.input.config).toMatchObject({ to: email, subject: 'Welcome Ada' });
      expect(welcome.attempts).toBe(1);
      expect(welcome.durationMs).toBeGreaterThanOrEqual(0);

      await expect
        .poll(async () => (await running.mails(token)).filter((mail) => mail.to.includes(email)), {
          timeout: 10_000,
        })
        .toHaveLength(1);
      const [mail] = (await running.mails(token)).filter((candidate) => candidate.to.includes(email));
      expect(mail).toMatchObject({ subject: 'Welcome Ada', text: 'You are on the pro plan.' });

      const flow = await call(suite, 'GET', `/api/v1/flows/${flowId}`, { token });
      expect(flow.body).toMatchObject({
        status: 'active',
        activeVersion: 1,
        problems: [],
        hasUnpublishedChanges: false,
      });
      expect(flow.body.stats).toMatchObject({ runs: 1, completed: 1, live: 0, failed: 0 });
      const counts = await call(suite, 'GET', `/api/v1/flows/${flowId}/node-counts`, { token });
      expect(counts.body).toEqual({
        trigger: { succeeded: 1, waiting: 0, failed: 0 },
        'is-pro': { succeeded: 1, waiting: 0, failed: 0 },
        welcome: { succeeded: 1, waiting: 0, failed: 0 },
      });

      // Runs and their steps go with the flow.
      expect((await call(suite, 'DELETE', `/api/v1/flows/${flowId}`, { token })).status).toBe(204);
      expect((await call(suite, 'GET', `/api/v1/flows/runs/${run.id}`, { token })).status).toBe(404);
    });

    it('saves invalid drafts with their problems and refuses to publish them (422 listing them)', async () => {
      const { suite } = running;
      const { token } = source;
      const graph = { nodes: [flowNode('mail', 'action.sendEmail', { to: '' })], edges: [] };
      const created = await call(suite, 'POST', '/api/v1/flows', { token, body: { name: 'Broken', graph } });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('draft');
      const codes = created.body.problems.map((problem: { code: string }) => problem.code);
      expect(codes).toEqual(expect.arrayContaining(['trigger-count', 'invalid-config']));

      const publish = await call(suite, 'POST', `/api/v1/flows/${created.body.id}/publish`, { token });
      expect(publish.status).toBe(422);
      expect(publish.headers.get('content-type')).toContain('application/problem+json');
      expect(publish.body.problems).toEqual(created.body.problems);
      expect(publish.body.errors[0].field).toMatch(/^graph/);
    });

    it('keeps versions immutable, lists them with live runs, pauses and resumes', async () => {
      const { suite } = running;
      const { token } = source;
      const graph = welcomeFlowGraph('Versioned');
      const flowId = await publishFlow(suite, token, { name: 'Versioned', graph });
      const changed = {
        ...graph,
        nodes: graph.nodes.map((node) =>
          node.id === 'welcome'
            ? { ...node, data: { config: { ...node.data.config, subject: 'Hi v2' } } }
            : node,
        ),
      };
      const saved = await call(suite, 'PUT', `/api/v1/flows/${flowId}`, { token, body: { graph: changed } });
      expect(saved.body.hasUnpublishedChanges).toBe(true);
      expect((await call(suite, 'POST', `/api/v1/flows/${flowId}/publish`, { token })).body).toEqual({
        version: 2,
      });
      // Publishing an unchanged draft again makes no new version.
      expect((await call(suite, 'POST', `/api/v1/flows/${flowId}/publish`, { token })).body).toEqual({
        version: 2,
      });

      const versions = await call(suite, 'GET', `/api/v1/flows/${flowId}/versions`, { token });
      expect(
        versions.body.items.map((item: { version: number; liveRuns: number }) => [
          item.version,
          item.liveRuns,
        ]),
      ).toEqual([
        [2, 0],
        [1, 0],
      ]);
      const first = await call(suite, 'GET', `/api/v1/flows/${flowId}/versions/1`, { token });
      expect(first.body.graph.nodes[2].data.config.subject).toBe(
        'Welcome {{ profile.traits.firstName | default: "there" }}',
      );

      expect((await call(suite, 'POST', `/api/v1/flows/${flowId}/pause`, { token })).body.status).toBe(
        'paused',
      );
      expect((await call(suite, 'POST', `/api/v1/flows/${flowId}/resume`, { token })).body.status).toBe(
        'active',
      );

      // Deleting a flow takes its versions along.
      expect((await call(suite, 'DELETE', `/api/v1/flows/${flowId}`, { token })).status).toBe(204);
      expect((await call(suite, 'GET', `/api/v1/flows/${flowId}`, { token })).status).toBe(404);
      expect((await call(suite, 'GET', `/api/v1/flows/${flowId}/versions/1`, { token })).status).toBe(404);
    });

    it('test-runs the draft with a sample event: marked as a test, e-mail subject prefixed', async () => {
      const { suite } = running;
      const { token } = source;
      const graph = {
        nodes: [
          flowNode('trigger', 'trigger.event', { event: 'Tested' }),
          flowNode(
            'mail',
            'action.sendEmail',
            { to: 'qa@example.com', subject: 'Plan {{event.properties.plan}}', text: 'x' },
            200,
          ),
        ],
        edges: [flowEdge('trigger', 'mail')],
      };
      const created = await call(suite, 'POST', '/api/v1/flows', {
        token,
        body: { name: 'Draft only', graph },
      });
      const test = await call(suite, 'POST', `/api/v1/flows/${created.body.id}/test-runs`, {
        token,
        body: { event: 'Tested', properties: { plan: 'team' } },
      });
      expect(test.status).toBe(201);
      expect(test.body).toMatchObject({ test: true, version: 0, trigger: { event: 'Tested' } });
      const run = await settledRun(suite, token, created.body.id, 'completed');
      expect(run.id).toBe(test.body.id);
      await expect
        .poll(async () => (await running.mails(token)).map((mail) => mail.subject), { timeout: 10_000 })
        .toContain('[Test] Plan team');
    });

    it('cancels a waiting run, exports and imports a flow, and serves the catalog', async () => {
      const { suite } = running;
      const { token } = source;
      const graph = {
        nodes: [
          flowNode('trigger', 'trigger.event', { event: 'Waited' }),
          flowNode('wait', 'logic.waitDuration', { amount: 2, unit: 'days' }, 200),
        ],
        edges: [flowEdge('trigger', 'wait')],
      };
      const created = await call(suite, 'POST', '/api/v1/flows', { token, body: { name: 'Patient', graph } });
      await call(suite, 'POST', `/api/v1/flows/${created.body.id}/test-runs`, {
        token,
        body: { event: 'Waited' },
      });
      const waiting = await settledRun(suite, token, created.body.id, 'waiting');
      expect(waiting.resumeAt).not.toBeNull();
      expect(waiting.currentNodeId).toBe('wait');
      const cancelled = await call(suite, 'POST', `/api/v1/flows/runs/${waiting.id}/cancel`, { token });
      expect(cancelled.body.status).toBe('cancelled');
      expect((await call(suite, 'POST', `/api/v1/flows/runs/${waiting.id}/cancel`, { token })).status).toBe(
        409,
      );

      const exported = await call(suite, 'GET', `/api/v1/flows/${created.body.id}/export`, { token });
      expect(exported.body).toMatchObject({ name: 'Patient', graph });
      const imported = await call(suite, 'POST', '/api/v1/flows/import', { token, body: exported.body });
      expect(imported.status).toBe(201);
      expect(imported.body).toMatchObject({ name: 'Patient', status: 'draft', graph, problems: [] });

      const catalog = await call(suite, 'GET', '/api/v1/flows/catalog', { token });
      const byType = new Map(catalog.body.items.map((item: { type: string }) => [item.type, item]));
      expect(byType.get('action.sendEmail')).toEqual({
        type: 'action.sendEmail',
        available: true,
        reason: null,
      });
      // The workspace owner is an admin: ops-only nodes are theirs to publish.
      expect(byType.get('action.kestra')).toMatchObject({ available: true });
    });

    it('creates flows from templates, and test runs dry-run webhooks (the request is the output)', async () => {
      const { suite } = running;
      const { token } = source;
      const fromTemplate = await call(suite, 'POST', '/api/v1/flows/from-template', {
        token,
        body: { templateId: 'pricing-page-sales-alert' },
      });
      expect(fromTemplate.status, JSON.stringify(fromTemplate.body)).toBe(201);
      expect(fromTemplate.body).toMatchObject({ status: 'draft', activeVersion: null });
      expect(fromTemplate.body.graph.nodes.length).toBeGreaterThan(1);
      const unknown = await call(suite, 'POST', '/api/v1/flows/from-template', {
        token,
        body: { templateId: 'nope' },
      });
      expect(unknown.status).toBe(422);

      const graph = {
        nodes: [
          flowNode('trigger', 'trigger.event', { event: 'Hot Lead' }),
          flowNode(
            'hook',
            'action.webhook',
            {
              url: 'https://crm.example.com/hooks/lead',
              body: '{"plan": "{{event.properties.plan}}"}',
            },
            200,
          ),
        ],
        edges: [flowEdge('trigger', 'hook')],
      };
      const created = await call(suite, 'POST', '/api/v1/flows', { token, body: { name: 'Dry', graph } });
      await call(suite, 'POST', `/api/v1/flows/${created.body.id}/test-runs`, {
        token,
        body: { event: 'Hot Lead', properties: { plan: 'pro' } },
      });
      const run = await settledRun(suite, token, created.body.id, 'completed');
      expect(run.test).toBe(true);
      expect(run.steps[1]).toMatchObject({ nodeId: 'hook', status: 'succeeded', output: { status: 200 } });
      expect(run.steps[1].input.config).toMatchObject({ url: 'https://crm.example.com/hooks/lead' });
    });

    it('lets only the ops role (or admins) publish ops-only nodes', async () => {
      const { suite } = running;
      const { token } = source;
      const key = async (role: string) =>
        (await call(suite, 'POST', '/api/v1/workspace/api-keys', { token, body: { name: role, role } })).body
          .key;
      const member = await key('member');
      const ops = await key('ops');
      const catalog = await call(suite, 'GET', '/api/v1/flows/catalog', { token: member });
      expect(
        catalog.body.items.find((item: { type: string }) => item.type === 'action.kestra'),
      ).toMatchObject({
        available: false,
        reason: expect.stringContaining('ops'),
      });
      const graph = {
        nodes: [
          flowNode('trigger', 'trigger.event', { event: 'Deploy Requested' }),
          flowNode('deploy', 'action.kestra', { namespace: 'suite.devops', flowId: 'deploy' }, 200),
        ],
        edges: [flowEdge('trigger', 'deploy')],
      };
      const created = await call(suite, 'POST', '/api/v1/flows', {
        token: member,
        body: { name: 'Deploy', graph },
      });
      expect(created.status).toBe(201);
      const refused = await call(suite, 'POST', `/api/v1/flows/${created.body.id}/publish`, {
        token: member,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.problems).toEqual([
        expect.objectContaining({ code: 'unavailable-node-type', nodeId: 'deploy' }),
      ]);
      const published = await call(suite, 'POST', `/api/v1/flows/${created.body.id}/publish`, { token: ops });
      expect(published).toMatchObject({ status: 200, body: { version: 1 } });
      const viewer = await key('viewer');
      expect(
        (await call(suite, 'PUT', `/api/v1/flows/${created.body.id}`, { token: viewer, body: { name: 'x' } }))
          .status,
      ).toBe(403);
    });
  },
);
