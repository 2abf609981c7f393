import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationsWorker, verifyWebhookSignature } from '@orchestrator/forms/server';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { fromIp, signUp, startSuiteWithRoles, WebhookReceiver, type Workspace } from './forms-test-kit.ts';

const definition = (title: string) => ({
  title,
  fields: [
    { id: 'email', kind: 'email', title: 'E-mail', required: true },
    { id: 'comment', kind: 'long_text', title: 'Comment' },
  ],
  hiddenFields: [{ name: 'campaign' }],
});

interface Delivery {
  id: string;
  submissionId: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  responseBodyExcerpt: string | null;
  error: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  log: Array<{ attempt: number; responseStatus: number | null; succeeded: boolean; attemptedAt: string }>;
}

async function setUpForm(suite: RunningSuite, workspace: Workspace, title: string) {
  const form = (
    await call(suite, 'POST', '/api/v1/forms', { token: workspace.token, body: definition(title) })
  ).body;
  await call(suite, 'POST', `/api/v1/forms/${form.id}/publish`, { token: workspace.token });
  return form as { id: string; slug: string };
}

describe.each(testDatabaseEngines())('Form webhooks on $name', (engine) => {
  let suite: RunningSuite;
  let acme: Workspace;
  let other: Workspace;
  const receiver = new WebhookReceiver();
  let form: { id: string; slug: string };

  const api = (method: string, path: string, body?: unknown, workspace: Workspace = acme) =>
    call(suite, method, `/api/v1/forms/${form.id}${path}`, {
      token: workspace.token,
      ...(body !== undefined ? { body } : {}),
    });
  const submit = (comment: string) =>
    call(suite, 'POST', `/api/v1/public/forms/${form.slug}/submissions`, {
      body: {
        idempotencyKey: randomUUID(),
        answers: { email: 'lee@northwind.io', comment },
        hiddenFields: { campaign: 'spring, "launch"' },
      },
      headers: fromIp(`198.18.0.${Math.floor(Math.random() * 250) + 1}`),
    });
  const deliveriesOf = async (webhookId: string): Promise<Delivery[]> =>
    (await api('GET', `/webhooks/${webhookId}/deliveries`)).body.items;

  beforeAll(async () => {
    await receiver.start();
    suite = await startTestSuite(engine);
    acme = await signUp(suite, 'Acme');
    other = await signUp(suite, 'Other');
    form = await setUpForm(suite, acme, 'Feedback');
  });
  afterAll(async () => {
    await suite?.close();
    await receiver.stop();
  });

  it('delivers a signed JSON payload with answers and hidden fields, and logs the attempt', async () => {
    const created = await api('POST', '/webhooks', { url: `${receiver.url}/ok` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: `${receiver.url}/ok`,
      enabled: true,
      events: ['submission.created'],
    });
    expect(created.body.secret).toMatch(/^whsec_/);
    const webhook = created.body;

    const submitted = await submit('Great, thanks!');
    expect(submitted.status).toBe(201);
    const request = await eventually(() => {
      const found = receiver.requestsTo('/ok').find((item) => item.body.includes(submitted.body.id));
      expect(found).toBeDefined();
      return found!;
    }, 15_000);
    const signature = String(request.headers['x-orchestrator-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature(webhook.secret, request.body, signature, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    expect(
      verifyWebhookSignature(
        'whsec_wrong_secret_000000000',
        request.body,
        signature,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-orchestrator-event']).toBe('submission.created');
    expect(JSON.parse(request.body)).toMatchObject({
      id: submitted.body.id,
      event: 'submission.created',
      formId: form.id,
      formTitle: 'Feedback',
      version: 1,
      answers: { email: 'lee@northwind.io', comment: 'Great, thanks!' },
      hiddenFields: { campaign: 'spring, "launch"' },
      submittedAt: expect.any(String),
    });

    const [delivery] = await eventually(async () => {
      const items = await deliveriesOf(webhook.id);
      expect(items[0]?.status).toBe('succeeded');
      return items;
    });
    expect(delivery).toMatchObject({
      id: request.headers['x-orchestrator-delivery'],
      submissionId: submitted.body.id,
      attempts: 1,
      responseStatus: 200,
      responseBodyExcerpt: 'thanks',
      error: null,
      nextAttemptAt: null,
      deliveredAt: expect.any(String),
    });
    expect(delivery!.log).toMatchObject([{ attempt: 1, responseStatus: 200, succeeded: true }]);
  });

  it('retries a failing receiver with backoff, logs every attempt, and redelivers on demand', async () => {
    receiver.respond('/flaky', 500);
    const webhook = (await api('POST', '/webhooks', { url: `${receiver.url}/flaky` })).body;
    const submitted = await submit('Flaky');
    const before = Date.now();
    const [failed] = await eventually(async () => {
      const items = await deliveriesOf(webhook.id);
      expect(items[0]?.attempts).toBe(1);
      return items;
    }, 15_000);
    expect(failed).toMatchObject({
      submissionId: submitted.body.id,
      status: 'pending',
      responseStatus: 500,
      responseBodyExcerpt: 'receiver says no (500)',
      error: 'The receiver answered 500; a 2xx was expected',
      deliveredAt: null,
    });
    // First retry after 1 minute ± 10 % jitter.
    const delay = Date.parse(failed!.nextAttemptAt!) - before;
    expect(delay).toBeGreaterThan(50_000);
    expect(delay).toBeLessThan(70_000);

    // Time passes (the retry falls due) and the receiver recovers.
    receiver.respond('/flaky', 204);
    const database = await resolve(suite.container, TOKENS.Database);
    await database.systemTx((tx) =>
      tx.query('UPDATE form_webhook_deliveries SET next_attempt_at = now() WHERE id = $1', [failed!.id]),
    );
    const [retried] = await eventually(async () => {
      const items = await deliveriesOf(webhook.id);
      expect(items[0]?.status).toBe('succeeded');
      return items;
    }, 15_000);
    expect(retried).toMatchObject({ attempts: 2, responseStatus: 204, error: null });
    expect(retried!.log.map((entry) => [entry.attempt, entry.responseStatus, entry.succeeded])).toEqual([
      [2, 204, true],
      [1, 500, false],
    ]);

    const redelivered = await api('POST', `/webhooks/${webhook.id}/deliveries/${failed!.id}/redeliver`);
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ id: failed!.id, status: 'pending' });
    await eventually(async () => {
      const [item] = await deliveriesOf(webhook.id);
      expect(item).toMatchObject({ status: 'succeeded', attempts: 3 });
    }, 15_000);
    const sent = receiver.requestsTo('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((item) => item.headers['x-orchestrator-delivery']))).toEqual(
      new Set([failed!.id]),
    );
    expect(sent.map((item) => item.headers['x-orchestrator-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(sent.map((item) => item.body)).size).toBe(1);
  });

  it('sends nothing to a disabled webhook, and keeps webhooks to their workspace', async () => {
    const webhook = (await api('POST', '/webhooks', { url: `${receiver.url}/disabled`, enabled: false }))
      .body;
    expect((await submit('Ignored')).status).toBe(201);
    await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
    expect(await deliveriesOf(webhook.id)).toEqual([]);
    expect(receiver.requestsTo('/disabled')).toEqual([]);

    const rotated = await api('PATCH', `/webhooks/${webhook.id}`, { rotateSecret: true, enabled: true });
    expect(rotated.body.enabled).toBe(true);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    expect((await api('POST', '/webhooks', { url: 'ftp://example.com/x' })).status).toBe(422);

    expect((await api('GET', '/webhooks', undefined, other)).status).toBe(404);
    expect((await api('GET', `/webhooks/${webhook.id}/deliveries`, undefined, other)).status).toBe(404);
    expect((await api('PATCH', `/webhooks/${webhook.id}`, { enabled: false }, other)).status).toBe(404);
    expect((await api('DELETE', `/webhooks/${webhook.id}`, undefined, other)).status).toBe(404);
    expect((await api('DELETE', `/webhooks/${webhook.id}`)).status).toBe(204);
  });
});

describe.each(testDatabaseEngines())('Forms integrations worker on $name', (engine) => {
  let suite: RunningSuite;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    // No relay role: this test runs the worker itself, with a fast retry schedule.
    suite = await startSuiteWithRoles(engine, ['api']);
  });
  afterAll(async () => {
    await suite?.close();
    await receiver.stop();
  });

  it('retries along an injected schedule, then marks the delivery failed with every attempt logged', async () => {
    const acme = await signUp(suite, 'Acme');
    const form = await setUpForm(suite, acme, 'Schedule');
    receiver.respond('/down', 503);
    const webhook = (
      await call(suite, 'POST', `/api/v1/forms/${form.id}/webhooks`, {
        token: acme.token,
        body: { url: `${receiver.url}/down` },
      })
    ).body;
    const submitted = await call(suite, 'POST', `/api/v1/public/forms/${form.slug}/submissions`, {
      body: { idempotencyKey: randomUUID(), answers: { email: 'kim@northwind.io' } },
    });
    expect(submitted.status).toBe(201);

    const worker = new IntegrationsWorker({
      database: await resolve(suite.container, TOKENS.Database),
      emailSender: await resolve(suite.container, TOKENS.EmailSender),
      clock: await resolve(suite.container, TOKENS.Clock),
      logger: await resolve(suite.container, TOKENS.Logger),
      allowPrivateNetworks: true,
      retrySchedule: [200, 400],
      random: () => 0.5,
      pollIntervalMs: 20,
    });
    worker.start();
    try {
      const delivery = await eventually(async () => {
        const { body } = await call(
          suite,
          'GET',
          `/api/v1/forms/${form.id}/webhooks/${webhook.id}/deliveries`,
          {
            token: acme.token,
          },
        );
        expect(body.items[0]).toMatchObject({ status: 'failed', attempts: 3 });
        return body.items[0] as Delivery;
      }, 15_000);
      expect(delivery.nextAttemptAt).toBeNull();
      expect(delivery.log.map((entry) => [entry.attempt, entry.responseStatus])).toEqual([
        [3, 503],
        [2, 503],
        [1, 503],
      ]);
      const times = delivery.log.map((entry) => Date.parse(entry.attemptedAt)).reverse();
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(200);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(400);
      expect(receiver.requestsTo('/down')).toHaveLength(3);
    } finally {
      await worker.stop();
    }
  });
});
