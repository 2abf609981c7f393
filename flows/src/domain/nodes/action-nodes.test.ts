import { describe, expect, it } from 'vitest';
import type { KestraApi } from '@orchestrator/shared/ports';
import { isPermanentNodeError } from '../node-errors.ts';
import type { WebhookRequest } from '../node-services.ts';
import { executionContext, fakeServices, flowEvent, profile } from '../test-fixtures.ts';
import { actionAiNode, ActionAiConfigSchema, labelFromAnswer } from './action-ai.ts';
import { actionKestraNode } from './action-kestra.ts';
import { actionSendEmailNode, ActionSendEmailConfigSchema } from './action-send-email.ts';
import { actionUpdateProfileNode, ActionUpdateProfileConfigSchema } from './action-update-profile.ts';
import { actionWebhookNode, ActionWebhookConfigSchema, mapWebhookResponse } from './action-webhook.ts';

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('action.sendEmail', () => {
  const config = ActionSendEmailConfigSchema.parse({
    to: '{{profile.traits.email}}',
    subject: 'Your {{event.properties.plan}} plan',
    text: 'Hi {{ profile.traits.firstName | default: "there" }}',
    html: '<p>Hi {{ profile.traits.firstName | default: "there" }}</p>',
  });

  it('renders the message and hands the idempotency key to the sender', async () => {
    const { services, calls } = fakeServices();
    const outcome = await actionSendEmailNode.execute!(
      executionContext(config, {
        services,
        idempotencyKey: 'run-7:welcome',
        trigger: flowEvent('Signed Up', { plan: 'pro' }),
        profile: profile({ email: 'ada@example.com', firstName: '<Ada>' }),
      }),
    );
    expect(calls.emails).toEqual([
      {
        to: ['ada@example.com'],
        subject: 'Your pro plan',
        text: 'Hi <Ada>',
        html: '<p>Hi &lt;Ada&gt;</p>',
        idempotencyKey: 'run-7:welcome',
      },
    ]);
    expect(outcome).toEqual({
      kind: 'continue',
      handle: 'next',
      output: { messageId: 'email-1', to: ['ada@example.com'], subject: 'Your pro plan' },
    });
  });

  it('fails for good when the profile has no address or the reply-to is not one', async () => {
    const error = await rejection(
      actionSendEmailNode.execute!(executionContext(config, { profile: profile({}) })),
    );
    expect(isPermanentNodeError(error)).toBe(true);
    const badReplyTo = { ...config, replyTo: '{{profile.traits.owner}}' };
    const replyError = await rejection(
      actionSendEmailNode.execute!(
        executionContext(badReplyTo, { profile: profile({ email: 'a@b.co', owner: 'Bob' }) }),
      ),
    );
    expect(isPermanentNodeError(replyError)).toBe(true);
  });

  it('lets a sender failure through to be retried', async () => {
    const { services } = fakeServices({
      email: { send: async () => Promise.reject(new Error('SMTP down')) },
    });
    const error = await rejection(actionSendEmailNode.execute!(executionContext(config, { services })));
    expect(error).toBeInstanceOf(Error);
    expect(isPermanentNodeError(error)).toBe(false);
  });
});

describe('action.updateProfile', () => {
  it('sets typed traits and tags through the CDP with the idempotency key', async () => {
    const config = ActionUpdateProfileConfigSchema.parse({
      traits: [
        { name: 'plan', value: '{{event.properties.plan}}' },
        { name: 'seats', value: '{{event.properties.seats}}', type: 'number' },
        { name: 'vip', value: 'yes', type: 'boolean' },
      ],
      addTags: ['lead'],
      removeTags: ['cold'],
    });
    const { services, calls } = fakeServices();
    const outcome = await actionUpdateProfileNode.execute!(
      executionContext(config, { services, trigger: flowEvent('Signed Up', { plan: 'pro', seats: '12' }) }),
    );
    expect(calls.profileUpdates).toEqual([
      {
        tenantId: 'tenant-1',
        profileId: executionContext({}).run.profileId,
        set: { plan: 'pro', seats: 12, vip: true },
        addTags: ['lead'],
        removeTags: ['cold'],
        idempotencyKey: 'run-1:node-1',
      },
    ]);
    expect(outcome).toMatchObject({ kind: 'continue', handle: 'next' });
  });

  it('needs something to do and a profile', async () => {
    expect(ActionUpdateProfileConfigSchema.safeParse({}).success).toBe(false);
    const run = { ...executionContext({}).run, profileId: null };
    const error = await rejection(
      actionUpdateProfileNode.execute!(executionContext(actionUpdateProfileNode.defaultConfig, { run })),
    );
    expect(isPermanentNodeError(error)).toBe(true);
  });
});

describe('action.webhook', () => {
  const config = ActionWebhookConfigSchema.parse({
    url: 'https://crm.example.com/leads?profile={{profile.id}}',
    headers: [{ name: 'X-Source', value: 'flow {{event.event}}' }],
    body: '{"email": "{{profile.traits.email}}", "note": "{{event.properties.note}}", "seats": {{event.properties.seats}}}',
    responseMapping: [
      { output: 'leadId', path: 'body.data.id' },
      { output: 'location', path: 'headers.Location' },
      { output: 'missing', path: 'body.nothing' },
    ],
  });
  const trigger = flowEvent('Page Viewed', { note: 'said "hi"', seats: 3 });

  it('sends the filled-in request and maps the response to outputs', async () => {
    const { services, calls } = fakeServices({
      webhooks: {
        send: async (request) => {
          calls.webhooks.push(request);
          return { status: 201, headers: { location: '/leads/9' }, body: { data: { id: 'lead-9' } } };
        },
      },
    });
    const outcome = await actionWebhookNode.execute!(executionContext(config, { services, trigger }));
    const request = calls.webhooks[0] as WebhookRequest;
    expect(request).toEqual({
      url: `https://crm.example.com/leads?profile=${executionContext({}).run.profileId}`,
      method: 'POST',
      headers: { 'X-Source': 'flow Page Viewed' },
      body: { email: 'ada@example.com', note: 'said "hi"', seats: 3 },
      allowPrivateNetworks: false,
      idempotencyKey: 'run-1:node-1',
      timeoutMs: 10_000,
    });
    expect(outcome).toEqual({
      kind: 'continue',
      handle: 'next',
      output: { status: 201, leadId: 'lead-9', location: '/leads/9', missing: null },
    });
  });

  it('retries server errors and gives up at once on client errors', async () => {
    const answering = (status: number) =>
      fakeServices({ webhooks: { send: async () => ({ status, headers: {}, body: null }) } }).services;
    const serverError = await rejection(
      actionWebhookNode.execute!(executionContext(config, { trigger, services: answering(503) })),
    );
    expect(isPermanentNodeError(serverError)).toBe(false);
    const clientError = await rejection(
      actionWebhookNode.execute!(executionContext(config, { trigger, services: answering(404) })),
    );
    expect(isPermanentNodeError(clientError)).toBe(true);
    const tooMany = await rejection(
      actionWebhookNode.execute!(executionContext(config, { trigger, services: answering(429) })),
    );
    expect(isPermanentNodeError(tooMany)).toBe(false);
  });

  it('refuses URLs that are not http(s) and bodies that are not JSON', async () => {
    const ftp = ActionWebhookConfigSchema.parse({ url: 'ftp://example.com/x' });
    expect(isPermanentNodeError(await rejection(actionWebhookNode.execute!(executionContext(ftp))))).toBe(
      true,
    );
    const broken = ActionWebhookConfigSchema.parse({
      url: 'https://example.com',
      body: '{"a": {{event.properties.none}}}',
    });
    expect(isPermanentNodeError(await rejection(actionWebhookNode.execute!(executionContext(broken))))).toBe(
      true,
    );
  });

  it('maps response fields by path, headers case-insensitively', () => {
    const mapped = mapWebhookResponse(
      { status: 200, headers: { 'X-Id': '7' }, body: { items: [{ id: 'a' }] } },
      [
        { output: 'first', path: 'body.items.0.id' },
        { output: 'id', path: 'headers.x-id' },
        { output: 'status', path: 'status' },
      ],
    );
    expect(mapped).toEqual({ first: 'a', id: '7', status: 200 });
  });
});

describe('action.ai', () => {
  const llmAnswering = (text: string) => {
    const requests: Array<{ messages: Array<{ role: string; content: string }>; temperature?: number }> = [];
    const { services } = fakeServices({
      llm: {
        complete: async (request) => {
          requests.push(request);
          return { text, model: 'fake-model', usage: { inputTokens: 10, outputTokens: 2 } };
        },
      },
    });
    return { services, requests };
  };

  it('classifies the rendered input into one of the labels', async () => {
    const fake = llmAnswering(' Sales. ');
    const config = ActionAiConfigSchema.parse({
      task: 'classify',
      input: '{{event.properties.message}}',
      labels: ['sales', 'support'],
    });
    const outcome = await actionAiNode.execute!(
      executionContext(config, {
        services: fake.services,
        trigger: flowEvent('Form Submitted', { message: 'Price for 50 seats?' }),
      }),
    );
    expect(outcome).toEqual({
      kind: 'continue',
      handle: 'next',
      output: { label: 'sales', text: 'Sales.', model: 'fake-model' },
    });
    const request = fake.requests[0]!;
    expect(request.messages[0]?.content).toContain('Labels: sales | support');
    expect(request.messages[1]).toEqual({ role: 'user', content: 'Price for 50 seats?' });
    expect(request.temperature).toBe(0);
  });

  it('summarizes and drafts replies as text', async () => {
    const fake = llmAnswering('A short summary.');
    const config = ActionAiConfigSchema.parse({ task: 'summarize', input: 'long text' });
    expect(await actionAiNode.execute!(executionContext(config, { services: fake.services }))).toEqual({
      kind: 'continue',
      handle: 'next',
      output: { text: 'A short summary.', model: 'fake-model' },
    });
  });

  it('fails for good when there is no text to work on', async () => {
    const fake = llmAnswering('unused');
    const config = ActionAiConfigSchema.parse({ task: 'summarize', input: '{{event.properties.nothing}}' });
    const error = await rejection(
      actionAiNode.execute!(executionContext(config, { services: fake.services })),
    );
    expect(isPermanentNodeError(error)).toBe(true);
    expect(fake.requests).toEqual([]);
  });

  it('reads the label out of a chatty answer', () => {
    expect(labelFromAnswer('The label is: support', ['sales', 'support'])).toBe('support');
    expect(labelFromAnswer('no idea', ['sales', 'support'])).toBe('other');
    expect(ActionAiConfigSchema.safeParse({ task: 'classify', input: 'x', labels: ['one'] }).success).toBe(
      false,
    );
  });
});

describe('action.kestra', () => {
  it('starts the Kestra flow with the filled-in inputs', async () => {
    const started: unknown[] = [];
    const kestra: KestraApi = {
      listFlows: async () => [],
      getExecution: async () => Promise.reject(new Error('unused')),
      triggerExecution: async (namespace, flowId, inputs) => {
        started.push({ namespace, flowId, inputs });
        return { id: 'exec-1', namespace, flowId, state: { current: 'CREATED' } };
      },
    };
    const { services } = fakeServices({ kestra });
    const config = {
      namespace: 'ops.customers',
      flowId: 'provision',
      inputs: [{ name: 'email', value: '{{profile.traits.email}}' }],
    };
    const outcome = await actionKestraNode.execute!(executionContext(config, { services }));
    expect(started).toEqual([
      { namespace: 'ops.customers', flowId: 'provision', inputs: { email: 'ada@example.com' } },
    ]);
    expect(outcome).toEqual({
      kind: 'continue',
      handle: 'next',
      output: { executionId: 'exec-1', state: 'CREATED' },
    });
    expect(actionKestraNode.requires).toEqual(['kestra']);
    expect(actionKestraNode.requiresRole).toBe('ops');
  });

  it('fails for good when Kestra is not bound', async () => {
    const error = await rejection(
      actionKestraNode.execute!(executionContext(actionKestraNode.defaultConfig)),
    );
    expect(isPermanentNodeError(error)).toBe(true);
  });
});
