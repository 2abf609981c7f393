import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenApiRegistry, problemResponder, type ApiKernel } from '@orchestrator/shared/http';
import type { Database } from '@orchestrator/shared/ports';
import { testDatabaseEngines, type TestDatabase } from '@orchestrator/shared/testing';
import { createTenant } from '../../server/profiles/profile-test-support.ts';
import { profileSettingsRouter } from '../../server/profiles/profile-settings-router.ts';

/**
 * The page's API module against the real router and database: what the page saves is what it lists
 * afterwards, and a set the server refuses comes back as the problem the page shows.
 */
describe.each(testDatabaseEngines())('the trait definitions page’s API round trip on $name', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let baseUrl: string;
  let tenantId: string;
  let role: 'admin' | 'member' = 'admin';

  beforeAll(async () => {
    test = await engine.create();
    database = test.database;
    tenantId = await createTenant(database);
    const kernel: ApiKernel = {
      openapi: new OpenApiRegistry({ title: 'test', version: '0' }),
      // The session's token is what authenticates in the suite; here the caller is fixed.
      authenticate: (req, _res, next) => {
        req.id = randomUUID();
        req.principal = { tenantId, role };
        next();
      },
      rateLimit: (_req, _res, next) => next(),
    };
    const app = express();
    app.use(express.json());
    app.use('/api/v1/cdp', profileSettingsRouter(kernel, database).router);
    app.use(problemResponder());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await test?.dispose();
  });

  // The API client is browser code: a session in localStorage, and a fetch of same-origin paths.
  beforeEach(async () => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
    });
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (path: string, init?: RequestInit) => realFetch(baseUrl + path, init));
    vi.resetModules();
    const { setSession } = await import('@orchestrator/shared/api-client');
    setSession({
      token: 'token',
      user: { id: randomUUID(), email: 'ada@example.com', name: 'Ada' },
      tenant: { id: tenantId, name: 'Test', slug: 'test' },
      role: 'admin',
    });
    role = 'admin';
  });
  afterEach(() => vi.unstubAllGlobals());

  const api = () => import('./trait-definitions-api.ts');

  it('lists nothing at first, then exactly what was saved, with type and strategy', async () => {
    const { listTraitDefinitions, saveTraitDefinitions } = await api();
    expect(await listTraitDefinitions(new AbortController().signal)).toEqual([]);

    const saved = await saveTraitDefinitions([
      { key: 'score', label: 'Score', type: 'number', strategy: 'max' },
      { key: 'plan', label: 'Plan', type: 'text', strategy: 'first' },
      { key: 'tags', label: 'Tags', type: 'list', strategy: 'union' },
    ]);
    const expected = [
      { key: 'plan', label: 'Plan', type: 'text', strategy: 'first' },
      { key: 'score', label: 'Score', type: 'number', strategy: 'max' },
      { key: 'tags', label: 'Tags', type: 'list', strategy: 'union' },
    ];
    expect(saved).toEqual(expected);
    expect(await listTraitDefinitions(new AbortController().signal)).toEqual(expected);

    // Saving replaces the whole set.
    await saveTraitDefinitions([{ key: 'plan', label: 'Plan', type: 'text', strategy: 'latest' }]);
    expect(await listTraitDefinitions(new AbortController().signal)).toEqual([
      { key: 'plan', label: 'Plan', type: 'text', strategy: 'latest' },
    ]);
  });

  it('answers a refused set with the problem the page shows, and changes nothing', async () => {
    const { listTraitDefinitions, saveTraitDefinitions } = await api();
    await saveTraitDefinitions([{ key: 'plan', label: 'Plan', type: 'text', strategy: 'first' }]);

    const twice = await saveTraitDefinitions([
      { key: 'plan', label: 'Plan', type: 'text', strategy: 'first' },
      { key: 'plan', label: 'Plan again', type: 'text', strategy: 'max' },
    ]).catch((error: unknown) => error);
    expect(twice).toMatchObject({ name: 'ApiProblem', status: 422 });

    role = 'member';
    const notAdmin = await saveTraitDefinitions([]).catch((error: unknown) => error);
    expect(notAdmin).toMatchObject({ name: 'ApiProblem', status: 403 });
    expect(await listTraitDefinitions(new AbortController().signal)).toEqual([
      { key: 'plan', label: 'Plan', type: 'text', strategy: 'first' },
    ]);
  });
});
