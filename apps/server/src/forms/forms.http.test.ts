import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { eventually, testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';
import { fromIp, signUp, type Workspace } from './forms-test-kit.ts';

const BOM = '\uFEFF';

const contactDefinition = (title: string) => ({
  title,
  fields: [
    { id: 'welcome', kind: 'welcome_screen', title: 'Welcome' },
    { id: 'name', kind: 'short_text', title: 'Your name', required: true, max: 100 },
    { id: 'email', kind: 'email', title: 'E-mail', required: true },
    {
      id: 'topic',
      kind: 'single_choice',
      title: 'Topic',
      required: true,
      options: [
        { id: 'o1', label: 'Sales' },
        { id: 'o2', label: 'Support' },
      ],
    },
    { id: 'budget', kind: 'number', title: 'Budget', required: true, min: 0 },
    { id: 'message', kind: 'long_text', title: 'Message' },
    { id: 'rating', kind: 'rating', title: 'Rate us', max: 5 },
  ],
  hiddenFields: [{ name: 'utm_source' }],
  logic: [
    {
      id: 'support-skips-budget',
      fieldId: 'topic',
      conditions: [{ operator: 'is', value: 'Support' }],
      action: { type: 'jump', to: 'message' },
    },
  ],
  settings: { notifyEmails: ['owner@acme.io'] },
});

describe.each(testDatabaseEngines())('Forms API on $name', (engine) => {
  let suite: RunningSuite;
  let acme: Workspace;
  let other: Workspace;
  const title = `Contact ${randomUUID().slice(0, 6)}`;
  let formId: string;
  let slug: string;
  let firstSubmissionId: string;
  // Not @example.com: the CDP ignores placeholder addresses as identifiers.
  const email = `jane-${randomUUID().slice(0, 8)}@northwind.io`;

  const api = (method: string, path: string, body?: unknown, workspace: Workspace = acme) =>
    call(suite, method, `/api/v1/forms${path}`, {
      token: workspace.token,
      ...(body !== undefined ? { body } : {}),
    });
  const publicGet = (path = '') => call(suite, 'GET', `/api/v1/public/forms/${slug}${path}`);
  const submit = (body: Record<string, unknown>, ip = '203.0.113.1', target = slug) =>
    call(suite, 'POST', `/api/v1/public/forms/${target}/submissions`, {
      body: { idempotencyKey: randomUUID(), ...body },
      headers: fromIp(ip),
    });

  beforeAll(async () => {
    suite = await startTestSuite(engine);
    acme = await signUp(suite, 'Acme');
    other = await signUp(suite, 'Other');
  });
  afterAll(() => suite?.close());

  it('creates a draft, refuses backward jumps naming the rule, edits, publishes and serves the public schema', async () => {
    const created = await api('POST', '', { title: 'Draft' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Draft',
      fields: [],
      status: 'draft',
      publishedVersion: null,
      settings: { mode: 'all', notifyEmails: [] },
    });
    formId = created.body.id;
    slug = created.body.slug;
    expect(created.body.url).toBe(`${suite.config.PUBLIC_URL}/f/${slug}`);

    const backward = await api('PUT', `/${formId}`, {
      ...contactDefinition(title),
      logic: [
        {
          id: 'loop-back',
          fieldId: 'rating',
          conditions: [{ operator: 'lt', value: 3 }],
          action: { type: 'jump', to: 'name' },
        },
      ],
    });
    expect(backward.status).toBe(422);
    expect(backward.headers.get('content-type')).toContain('application/problem+json');
    expect(backward.body.errors).toEqual([
      {
        field: 'body.logic.0.action.to',
        message: 'rule "loop-back" jumps backwards from "Rate us" to "Your name"; jumps may only go forward',
      },
    ]);
    const badField = await api('PUT', `/${formId}`, {
      title,
      fields: [{ id: 'x', kind: 'rating', title: 'R', max: 99 }],
    });
    expect(badField.status).toBe(422);
    expect(badField.body.errors[0].field).toBe('body.fields.0.max');

    const updated = await api('PUT', `/${formId}`, contactDefinition(title));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title, status: 'draft', hasUnpublishedChanges: true });
    expect(updated.body.fields).toHaveLength(7);

    expect((await publicGet()).status).toBe(410);

    const published = await api('POST', `/${formId}/publish`);
    expect(published).toMatchObject({
      status: 200,
      body: { slug, url: `${suite.config.PUBLIC_URL}/f/${slug}`, version: 1 },
    });
    expect((await api('GET', `/${formId}`)).body).toMatchObject({
      status: 'published',
      publishedVersion: 1,
      latestVersion: 1,
      hasUnpublishedChanges: false,
    });

    // Publishing an unchanged draft makes no new version.
    expect((await api('POST', `/${formId}/publish`)).body.version).toBe(1);

    const page = await publicGet();
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      slug,
      formId,
      version: 1,
      title,
      hiddenFields: [{ name: 'utm_source' }],
    });
    expect(page.body.settings).not.toHaveProperty('notifyEmails');
    // Property order is not kept by jsonb; `ui:order` is what orders the form.
    expect(Object.keys(page.body.jsonSchema.properties).sort()).toEqual([
      'budget',
      'email',
      'message',
      'name',
      'rating',
      'topic',
    ]);
    expect(page.body.jsonSchema.required).toEqual(['name', 'email', 'topic', 'budget']);
    expect(page.body.uiSchema['ui:order']).toEqual(['name', 'email', 'topic', 'budget', 'message', 'rating']);
    expect((await call(suite, 'GET', '/api/v1/public/forms/no-such-form')).status).toBe(404);

    const openapi = await call(suite, 'GET', '/api/v1/openapi.json');
    expect(openapi.status).toBe(200);
    expect(JSON.stringify(openapi.body.paths)).toContain('/api/v1/public/forms/');

    const versions = await api('GET', `/${formId}/versions`);
    expect(versions.body.items).toMatchObject([{ version: 1, definition: { title } }]);
  });

  it('answers 422 with one entry per bad field, validating only reached fields', async () => {
    const invalid = await submit({
      answers: { name: '', email: 'not-an-email', topic: 'Sales', budget: -5, rating: 7 },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(invalid.body.errors).toEqual([
      { field: 'answers.name', message: 'is required' },
      { field: 'answers.email', message: 'must be a valid e-mail address' },
      { field: 'answers.budget', message: 'must be at least 0' },
      { field: 'answers.rating', message: 'must be between 1 and 5' },
    ]);
    // Support jumps over the (required) budget: not asked, not required, and its answer is dropped.
    const skipped = await submit({
      answers: { name: 'Sam', email: 'sam@example.com', topic: 'Support', budget: 'junk' },
    });
    expect(skipped.status).toBe(201);
    const stored = await api('GET', `/${formId}/submissions/${skipped.body.id}`);
    expect(stored.body.answers).toEqual({ name: 'Sam', email: 'sam@example.com', topic: 'Support' });
  });

  it('stores a valid submission with its hidden fields, once per idempotency key', async () => {
    const idempotencyKey = randomUUID();
    const body = {
      idempotencyKey,
      answers: {
        name: 'Doe, "Jane"\nZoë 東京',
        email,
        topic: 'Sales',
        budget: 1200,
        message: 'Hello, world',
        rating: 5,
      },
      hiddenFields: { utm_source: 'newsletter', undeclared: 'dropped' },
      startedAt: new Date(Date.now() - 60_000).toISOString(),
    };
    const first = await submit(body);
    expect(first.status).toBe(201);
    firstSubmissionId = first.body.id;
    const again = await submit(body);
    expect(again).toMatchObject({ status: 201, body: { id: firstSubmissionId } });

    // Double clicks and retries racing each other still store one submission.
    const racingKey = randomUUID();
    const raced = await Promise.all(
      Array.from({ length: 5 }, () =>
        submit(
          {
            idempotencyKey: racingKey,
            answers: { name: 'Race', email: 'racer@northwind.io', topic: 'Support' },
          },
          '203.0.113.5',
        ),
      ),
    );
    expect(raced.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(raced.map((response) => response.body.id)).size).toBe(1);
    await api('PATCH', `/${formId}/submissions/${raced[0]!.body.id}`, { category: 'archived' });

    const detail = await api('GET', `/${formId}/submissions/${firstSubmissionId}`);
    expect(detail.body).toMatchObject({
      id: firstSubmissionId,
      formId,
      version: 1,
      category: 'inbox',
      hiddenFields: { utm_source: 'newsletter' },
      answers: { email, budget: 1200 },
    });
    const list = await api('GET', `/${formId}/submissions`);
    expect(list.body.total).toBe(2);
    expect(list.body.counts).toEqual({ inbox: 2, spam: 0, starred: 0, archived: 1 });
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(firstSubmissionId);

    const search = await api('GET', `/${formId}/submissions?q=${encodeURIComponent('newslet')}`);
    expect(search.body.items.map((item: { id: string }) => item.id)).toEqual([firstSubmissionId]);
    const sorted = await api('GET', `/${formId}/submissions?sort=answers.name&order=asc&limit=1`);
    expect(sorted.body.items[0].answers.name).toMatch(/^Doe/);
    expect(sorted.body.nextCursor).not.toBeNull();
    const page2 = await api(
      'GET',
      `/${formId}/submissions?sort=answers.name&order=asc&limit=1&cursor=${sorted.body.nextCursor}`,
    );
    expect(page2.body.items[0].answers.name).toBe('Sam');
    expect(page2.body.nextCursor).toBeNull();

    expect(
      (await api('PATCH', `/${formId}/submissions/${firstSubmissionId}`, { category: 'starred' })).body
        .category,
    ).toBe('starred');
    expect((await api('GET', `/${formId}/submissions?category=starred`)).body.items).toHaveLength(1);
  });

  it('exports CSV with every field and hidden field, RFC 4180 quoting and a UTF-8 BOM', async () => {
    const response = await fetch(`${suite.url}/api/v1/forms/${formId}/submissions/export.csv`, {
      headers: { authorization: `Bearer ${acme.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(BOM)).toBe(true);
    const [header] = text.slice(1).split('\r\n');
    expect(header).toBe(
      'Submission ID,Submitted at,Category,Version,Your name,E-mail,Topic,Budget,Message,Rate us,utm_source',
    );
    expect(text).toContain(
      `,starred,1,"Doe, ""Jane""\nZoë 東京",${email},Sales,1200,"Hello, world",5,newsletter\r\n`,
    );
  });

  it('sends "Form Submitted" to the CDP in the same transaction, onto the respondent\'s profile', async () => {
    const profile = await eventually(async () => {
      const { body } = await call(suite, 'GET', `/api/v1/cdp/profiles?q=${encodeURIComponent(email)}`, {
        token: acme.token,
      });
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 30_000);
    expect(profile.identities).toEqual(expect.arrayContaining([{ type: 'email', value: email }]));
    const events = await eventually(async () => {
      const { body } = await call(suite, 'GET', `/api/v1/cdp/profiles/${profile.id}/events`, {
        token: acme.token,
      });
      expect(body.items.length).toBeGreaterThan(0);
      return body.items;
    });
    expect(events[0]).toMatchObject({
      type: 'track',
      event: 'Form Submitted',
      messageId: `form-submission:${firstSubmissionId}`,
      properties: {
        formId,
        formTitle: title,
        version: 1,
        submissionId: firstSubmissionId,
        hiddenFields: { utm_source: 'newsletter' },
        answers: { 'E-mail': email, Topic: 'Sales', Budget: 1200 },
      },
    });
    // The other workspace's CDP knows nothing of it.
    const elsewhere = await call(suite, 'GET', `/api/v1/cdp/profiles?q=${encodeURIComponent(email)}`, {
      token: other.token,
    });
    expect(elsewhere.body.items).toEqual([]);
  });

  it('e-mails the notification addresses (visible in the local mailbox)', async () => {
    const message = await eventually(async () => {
      const { body } = await call(suite, 'GET', '/api/v1/dev/mailbox', { token: acme.token });
      const found = body.items.find(
        (item: { subject: string; text?: string }) =>
          item.subject === `New response: ${title}` && item.text?.includes(email),
      );
      expect(found).toBeDefined();
      return found;
    }, 15_000);
    expect(message.to).toEqual(['owner@acme.io']);
    expect(message.text).toContain('utm_source: newsletter');
    expect(message.text).toContain(`/forms/${formId}/submissions?submission=${firstSubmissionId}`);
  });

  it('files honeypot and too-fast submissions as spam, answering 201 like any other', async () => {
    const honeypot = await submit(
      {
        answers: { name: 'Bot', email: 'bot@example.com', topic: 'Support' },
        website: 'http://spam.example',
      },
      '203.0.113.9',
    );
    expect(honeypot.status).toBe(201);
    const spam = await api('GET', `/${formId}/submissions?category=spam`);
    expect(spam.body.items).toMatchObject([
      { id: honeypot.body.id, category: 'spam', spamReason: 'honeypot' },
    ]);
    const inbox = await api('GET', `/${formId}/submissions`);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).not.toContain(honeypot.body.id);

    const settings = { ...contactDefinition(title).settings, timeToFillSeconds: 5 };
    await api('PUT', `/${formId}`, { ...contactDefinition(title), settings });
    await api('POST', `/${formId}/publish`);
    const fast = await submit(
      {
        answers: { name: 'Speedy', email: 'speedy@example.com', topic: 'Support' },
        startedAt: new Date(Date.now() - 1000).toISOString(),
      },
      '203.0.113.10',
    );
    expect(fast.status).toBe(201);
    expect((await api('GET', `/${formId}/submissions/${fast.body.id}`)).body).toMatchObject({
      category: 'spam',
      spamReason: 'too_fast',
    });
  });

  it('keeps a respondent on the version they opened after the form is edited and republished', async () => {
    const opened = await publicGet();
    const openedVersion = opened.body.version;
    await api('PUT', `/${formId}`, {
      ...contactDefinition(title),
      fields: [
        ...contactDefinition(title).fields,
        { id: 'company', kind: 'short_text', title: 'Company', required: true },
      ],
    });
    const republished = await api('POST', `/${formId}/publish`);
    expect(republished.body.version).toBe(openedVersion + 1);

    const answers = { name: 'Old Page', email: 'old@example.com', topic: 'Support' };
    const onOld = await submit({ answers, version: openedVersion }, '203.0.113.20');
    expect(onOld.status).toBe(201);
    expect((await api('GET', `/${formId}/submissions/${onOld.body.id}`)).body.version).toBe(openedVersion);
    const onNew = await submit({ answers }, '203.0.113.21');
    expect(onNew.status).toBe(422);
    expect(onNew.body.errors).toEqual([{ field: 'answers.company', message: 'is required' }]);
    expect((await publicGet(`?version=${openedVersion}`)).body.version).toBe(openedVersion);
    expect((await publicGet('?version=99')).status).toBe(404);
  });

  it('answers 409 over the quota and 410 once closed or unpublished, with a clear message', async () => {
    const form = (await api('POST', '', { ...contactDefinition('Quota'), settings: { responseQuota: 1 } }))
      .body;
    await api('POST', `/${form.id}/publish`);
    const answers = { name: 'Q', email: 'q@example.com', topic: 'Support' };
    expect((await submit({ answers }, '198.51.100.1', form.slug)).status).toBe(201);
    const over = await submit({ answers }, '198.51.100.1', form.slug);
    expect(over.status).toBe(409);
    expect(over.body.detail).toBe('This form has received all the responses it can take.');
    expect((await call(suite, 'GET', `/api/v1/public/forms/${form.slug}`)).status).toBe(409);

    const past = new Date(Date.now() - 60_000).toISOString();
    await api('PUT', `/${form.id}`, {
      ...contactDefinition('Quota'),
      settings: { closeAt: past, closedMessage: 'Applications closed on Friday.' },
    });
    await api('POST', `/${form.id}/publish`);
    const closed = await submit({ answers }, '198.51.100.1', form.slug);
    expect(closed.status).toBe(410);
    expect(closed.body.detail).toBe('Applications closed on Friday.');
    expect((await call(suite, 'GET', `/api/v1/public/forms/${form.slug}`)).status).toBe(410);

    await api('PUT', `/${form.id}`, contactDefinition('Quota'));
    await api('POST', `/${form.id}/publish`);
    expect((await submit({ answers }, '198.51.100.1', form.slug)).status).toBe(201);
    expect((await api('POST', `/${form.id}/unpublish`)).body.status).toBe('draft');
    const unpublished = await submit({ answers }, '198.51.100.1', form.slug);
    expect(unpublished.status).toBe(410);
    expect(unpublished.body.detail).toBe('This form is not accepting responses.');
    const reopened = await api('POST', `/${form.id}/publish`);
    expect(reopened.body.version).toBe(3);
    expect((await submit({ answers }, '198.51.100.1', form.slug)).status).toBe(201);
  });

  it('limits submissions per form and IP (429) and their size (413)', async () => {
    const form = (await api('POST', '', contactDefinition('Busy'))).body;
    await api('POST', `/${form.id}/publish`);
    slug = form.slug;
    const answers = { name: 'R', email: 'r@example.com', topic: 'Support' };
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1)
      statuses.push((await submit({ answers }, '192.0.2.77')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await submit({ answers }, '192.0.2.77');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await submit({ answers }, '192.0.2.78')).status).toBe(201);

    const huge = await submit({ answers: { ...answers, message: 'x'.repeat(300 * 1024) } }, '192.0.2.79');
    expect(huge.status).toBe(413);
  });

  it('walls forms and submissions between workspaces', async () => {
    expect((await api('GET', `/${formId}`, undefined, other)).status).toBe(404);
    expect((await api('PUT', `/${formId}`, contactDefinition('Stolen'), other)).status).toBe(404);
    expect((await api('GET', `/${formId}/submissions`, undefined, other)).status).toBe(404);
    expect((await api('GET', `/${formId}/submissions/${firstSubmissionId}`, undefined, other)).status).toBe(
      404,
    );
    expect((await api('GET', `/${formId}/submissions/export.csv`, undefined, other)).status).toBe(404);
    expect((await api('POST', `/${formId}/publish`, undefined, other)).status).toBe(404);
    expect((await api('GET', '', undefined, other)).body.items).toEqual([]);
    expect((await api('GET', '')).body.items.map((form: { id: string }) => form.id)).toContain(formId);

    const database = await resolve(suite.container, TOKENS.Database);
    const seen = await database.tenantTx(other.tenantId, async (tx) => ({
      forms: (await tx.query('SELECT id FROM forms')).rows.length,
      versions: (await tx.query('SELECT form_id FROM form_versions')).rows.length,
      submissions: (await tx.query('SELECT id FROM form_submissions')).rows.length,
    }));
    expect(seen).toEqual({ forms: 0, versions: 0, submissions: 0 });
    await expect(
      database.tenantTx(acme.tenantId, (tx) =>
        tx.query(`UPDATE form_submissions SET answers = '{}' WHERE id = $1`, [firstSubmissionId]),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
