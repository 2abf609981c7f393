import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

describe.each(testDatabaseEngines())('CDP sources API on $name', (engine) => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startTestSuite(engine);
  });
  afterAll(() => suite?.close());

  const signUp = async (name: string) =>
    (
      await call(suite, 'POST', '/api/v1/auth/signup', {
        body: {
          email: `${name}-${randomUUID().slice(0, 8)}@example.com`,
          password: 'correct horse battery',
          name,
          workspace: `${name} Inc`,
        },
      })
    ).body as { token: string; tenant: { id: string } };

  const track = (writeKey: string) =>
    call(suite, 'POST', '/v1/track', {
      headers: { authorization: basic(writeKey) },
      body: { userId: 'u-1', event: 'Checked' },
    });

  it('creates a source with a URL-safe write key and lists it', async () => {
    const { token } = await signUp('Ann');
    const created = await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: ' Website ' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Website',
      writeKey: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/),
      enabled: true,
      createdAt: expect.any(String),
      rotatedAt: null,
    });
    const other = await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'iOS app' } });
    expect(other.body.writeKey).not.toBe(created.body.writeKey);

    const listed = await call(suite, 'GET', '/api/v1/cdp/sources', { token });
    expect(listed).toMatchObject({ status: 200, body: { items: [created.body, other.body] } });
    expect((await track(created.body.writeKey)).status).toBe(200);
  });

  it('names a bad name in a 422 and answers 404 for an unknown source', async () => {
    const { token } = await signUp('Bob');
    const invalid = await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: '  ' } });
    expect(invalid).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'body.name', message: 'is required' }] },
    });
    const missing = await call(suite, 'PATCH', `/api/v1/cdp/sources/${randomUUID()}`, {
      token,
      body: { enabled: false },
    });
    expect(missing).toMatchObject({ status: 404, body: { detail: 'No such source' } });
    expect((await call(suite, 'POST', `/api/v1/cdp/sources/${randomUUID()}/rotate`, { token })).status).toBe(
      404,
    );
  });

  it('renames, disables and enables a source; a disabled key gets 401 until enabled again', async () => {
    const { token } = await signUp('Cleo');
    const source = (await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'Shop' } })).body;

    const renamed = await call(suite, 'PATCH', `/api/v1/cdp/sources/${source.id}`, {
      token,
      body: { name: 'Web shop' },
    });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Web shop', enabled: true } });

    const disabled = await call(suite, 'PATCH', `/api/v1/cdp/sources/${source.id}`, {
      token,
      body: { enabled: false },
    });
    expect(disabled).toMatchObject({
      status: 200,
      body: { name: 'Web shop', enabled: false, writeKey: source.writeKey },
    });
    const refused = await track(source.writeKey);
    expect(refused).toMatchObject({
      status: 401,
      body: { status: 401, detail: 'The source of this write key is disabled' },
    });
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    await call(suite, 'PATCH', `/api/v1/cdp/sources/${source.id}`, { token, body: { enabled: true } });
    expect((await track(source.writeKey)).status).toBe(200);
  });

  it('rotates a write key: the new key works, the old one gets 401 at once', async () => {
    const { token } = await signUp('Dan');
    const source = (await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'API' } })).body;
    expect((await track(source.writeKey)).status).toBe(200);

    const rotated = await call(suite, 'POST', `/api/v1/cdp/sources/${source.id}/rotate`, { token });
    expect(rotated).toMatchObject({ status: 200, body: { id: source.id, name: 'API', enabled: true } });
    expect(rotated.body.writeKey).not.toBe(source.writeKey);
    expect(rotated.body.rotatedAt).toEqual(expect.any(String));

    expect(await track(source.writeKey)).toMatchObject({
      status: 401,
      body: { detail: 'This write key is unknown or was rotated out' },
    });
    expect((await track(rotated.body.writeKey)).status).toBe(200);
  });

  it('records creation, rotation and disabling in the audit log', async () => {
    const { token } = await signUp('Eve');
    const source = (await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'CRM' } })).body;
    await call(suite, 'POST', `/api/v1/cdp/sources/${source.id}/rotate`, { token });
    await call(suite, 'PATCH', `/api/v1/cdp/sources/${source.id}`, { token, body: { enabled: false } });

    const audit = await call(suite, 'GET', '/api/v1/workspace/audit-log?limit=3', { token });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'cdp_source.disabled',
        targetType: 'cdp_source',
        targetId: source.id,
      }),
      expect.objectContaining({ action: 'cdp_source.rotated', targetId: source.id }),
      expect.objectContaining({
        action: 'cdp_source.created',
        targetId: source.id,
        details: { name: 'CRM' },
      }),
    ]);
  });

  it('lets any member list sources but only admins change them', async () => {
    const { token } = await signUp('Fay');
    const source = (await call(suite, 'POST', '/api/v1/cdp/sources', { token, body: { name: 'Site' } })).body;
    const memberKey = (
      await call(suite, 'POST', '/api/v1/workspace/api-keys', { token, body: { name: 'm', role: 'member' } })
    ).body.key;

    const listed = await call(suite, 'GET', '/api/v1/cdp/sources', { token: memberKey });
    expect(listed).toMatchObject({ status: 200, body: { items: [{ id: source.id }] } });
    for (const [method, path, body] of [
      ['POST', '/api/v1/cdp/sources', { name: 'x' }],
      ['PATCH', `/api/v1/cdp/sources/${source.id}`, { enabled: false }],
      ['POST', `/api/v1/cdp/sources/${source.id}/rotate`, undefined],
    ] as const) {
      expect((await call(suite, method, path, { token: memberKey, body })).status).toBe(403);
    }
    expect((await call(suite, 'GET', '/api/v1/cdp/sources')).status).toBe(401);
  });

  it("keeps workspaces apart: another workspace's source is invisible and cannot be changed", async () => {
    const gus = await signUp('Gus');
    const hal = await signUp('Hal');
    const source = (
      await call(suite, 'POST', '/api/v1/cdp/sources', { token: gus.token, body: { name: 'Gus site' } })
    ).body;

    expect((await call(suite, 'GET', '/api/v1/cdp/sources', { token: hal.token })).body.items).toEqual([]);
    const patch = await call(suite, 'PATCH', `/api/v1/cdp/sources/${source.id}`, {
      token: hal.token,
      body: { enabled: false },
    });
    expect(patch.status).toBe(404);
    expect(
      (await call(suite, 'POST', `/api/v1/cdp/sources/${source.id}/rotate`, { token: hal.token })).status,
    ).toBe(404);
    expect((await track(source.writeKey)).status).toBe(200);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { body } = await call(suite, 'GET', '/api/v1/openapi.json');
    expect(Object.keys(body.paths['/api/v1/cdp/sources'])).toEqual(['post', 'get']);
    expect(body.paths['/api/v1/cdp/sources/{id}'].patch.tags).toEqual(['CDP']);
    expect(body.paths['/api/v1/cdp/sources/{id}/rotate'].post.responses).toHaveProperty('200');
  });
});
