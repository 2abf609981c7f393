import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';

const person = (name: string) => ({
  email: `${name}-${randomUUID().slice(0, 8)}@example.com`,
  password: 'correct horse battery',
  name,
  workspace: `${name}'s Company`,
});

describe.each(testDatabaseEngines())('accounts API on $name', (engine) => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startTestSuite(engine);
  });
  afterAll(() => suite?.close());

  it('signs up, logs in and says who is signed in', async () => {
    const ann = person('Ann');
    const signup = await call(suite, 'POST', '/api/v1/auth/signup', { body: ann });
    expect(signup.status).toBe(201);
    expect(signup.body).toMatchObject({
      user: { email: ann.email.toLowerCase(), name: 'Ann' },
      tenant: { name: "Ann's Company", slug: 'ann-s-company' },
      role: 'owner',
    });
    expect(signup.body.token).toEqual(expect.any(String));

    const login = await call(suite, 'POST', '/api/v1/auth/login', {
      body: { email: ann.email.toUpperCase(), password: ann.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.tenant.id).toBe(signup.body.tenant.id);

    const me = await call(suite, 'GET', '/api/v1/auth/me', { token: login.body.token });
    expect(me).toMatchObject({ status: 200, body: { user: { id: signup.body.user.id }, role: 'owner' } });
    expect(me.body.memberships).toHaveLength(1);

    const second = await call(suite, 'POST', '/api/v1/auth/signup', {
      body: { ...person('Ann'), workspace: "Ann's Company" },
    });
    expect(second.body.tenant.slug).toMatch(/^ann-s-company-[0-9a-f]{4}$/);
  });

  it('names each bad field in a 422 problem', async () => {
    const { status, headers, body } = await call(suite, 'POST', '/api/v1/auth/signup', {
      body: { email: 'not-an-email', password: 'short', name: '', workspace: 'W' },
    });
    expect(status).toBe(422);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.email', message: 'must be an e-mail address' },
        { field: 'body.password', message: 'must be at least 8 characters' },
        { field: 'body.name', message: 'is required' },
      ]),
    );
  });

  it('refuses a taken e-mail, a wrong password, and requests without a valid token', async () => {
    const bob = person('Bob');
    await call(suite, 'POST', '/api/v1/auth/signup', { body: bob });
    expect(
      (await call(suite, 'POST', '/api/v1/auth/signup', { body: { ...bob, password: 'another password' } }))
        .status,
    ).toBe(409);
    const wrong = await call(suite, 'POST', '/api/v1/auth/login', {
      body: { email: bob.email, password: 'wrong password' },
    });
    expect(wrong).toMatchObject({ status: 401, body: { detail: 'Wrong e-mail or password' } });
    const nobody = await call(suite, 'POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'whatever1' },
    });
    expect(nobody).toMatchObject({ status: 401, body: { detail: 'Wrong e-mail or password' } });
    expect((await call(suite, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await call(suite, 'GET', '/api/v1/auth/me', { token: 'not.a.jwt' })).status).toBe(401);
  });

  it("keeps workspaces apart: another workspace's id gets 403, its keys are invisible", async () => {
    const carol = (await call(suite, 'POST', '/api/v1/auth/signup', { body: person('Carol') })).body;
    const dave = (await call(suite, 'POST', '/api/v1/auth/signup', { body: person('Dave') })).body;
    await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: dave.token,
      body: { name: 'dave-key' },
    });

    const intruding = await call(suite, 'GET', '/api/v1/workspace/api-keys', {
      token: carol.token,
      headers: { 'x-tenant-id': dave.tenant.id },
    });
    expect(intruding).toMatchObject({
      status: 403,
      body: { detail: 'You are not a member of this workspace' },
    });
    const own = await call(suite, 'GET', '/api/v1/workspace/api-keys', { token: carol.token });
    expect(own).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('issues API keys that authenticate with their role, and revokes them', async () => {
    const erin = (await call(suite, 'POST', '/api/v1/auth/signup', { body: person('Erin') })).body;
    const created = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: erin.token,
      body: { name: 'CI', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^ork_[a-z0-9]{8}_/);
    const viewerKey = created.body.key;

    const asViewer = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: viewerKey,
      body: { name: 'escalate', role: 'admin' },
    });
    expect(asViewer).toMatchObject({ status: 403 });

    const listed = await call(suite, 'GET', '/api/v1/workspace/api-keys', { token: erin.token });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ name: 'CI', role: 'viewer', revokedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(viewerKey);

    expect(
      (await call(suite, 'DELETE', `/api/v1/workspace/api-keys/${created.body.id}`, { token: erin.token }))
        .status,
    ).toBe(204);
    const revoked = await call(suite, 'POST', '/api/v1/workspace/api-keys', {
      token: viewerKey,
      body: { name: 'x' },
    });
    expect(revoked).toMatchObject({ status: 401, body: { detail: 'This API key is unknown or revoked' } });

    const audit = await call(suite, 'GET', '/api/v1/workspace/audit-log?limit=2', { token: erin.token });
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'api_key.revoked',
      'api_key.created',
    ]);
    const older = await call(
      suite,
      'GET',
      `/api/v1/workspace/audit-log?limit=2&cursor=${audit.body.nextCursor}`,
      { token: erin.token },
    );
    expect(older.body).toMatchObject({ items: [{ action: 'workspace.created' }], nextCursor: null });
  });
});
