import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseEngines } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';

describe.each(testDatabaseEngines())('HTTP platform on $name', (engine) => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startTestSuite(engine);
  });
  afterAll(() => suite?.close());

  it('answers health, readiness and Prometheus metrics', async () => {
    expect(await call(suite, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call(suite, 'GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok' } },
    });
    await call(suite, 'GET', '/api/v1/meta');
    const metrics = await call(suite, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('http_requests_total{method="GET",route="/api/v1/meta",status="200"}');
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const { status, body } = await call(suite, 'GET', '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    const signup = body.paths['/api/v1/auth/signup'].post;
    expect(signup.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name', 'workspace']),
    );
    expect(signup.responses['201'].content['application/json'].schema.properties).toHaveProperty('token');
    expect(body.paths['/api/v1/workspace/api-keys/{id}'].delete.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
    });
  });

  it('answers every error as problem+json with a request id, never HTML', async () => {
    const unknown = await call(suite, 'GET', '/api/v1/nope', { headers: { 'x-request-id': 'trace-123' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknown.headers.get('x-request-id')).toBe('trace-123');
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not found', requestId: 'trace-123' });

    const malformed = await call(suite, 'POST', '/api/v1/auth/login', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed).toMatchObject({
      status: 400,
      body: { title: 'Bad request', detail: 'The body is not valid JSON' },
    });

    const huge = await call(suite, 'POST', '/api/v1/auth/login', {
      body: { email: 'a@b.co', password: 'x'.repeat(1_100_000) },
    });
    expect(huge).toMatchObject({ status: 413, body: { status: 413 } });
    expect(JSON.stringify(huge.body)).not.toMatch(/at .*\.ts/);
  });

  it('sets security headers', async () => {
    const { headers } = await call(suite, 'GET', '/api/v1/meta');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-powered-by')).toBeNull();
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');

    // Published forms are embedded in other sites' pages.
    const publicForm = await call(suite, 'GET', '/f/some-form');
    expect(publicForm.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(publicForm.headers.get('x-frame-options')).toBeNull();
  });
});

describe('rate limits', () => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startTestSuite(testDatabaseEngines()[0]!, {
      RATE_LIMIT_BURST: '3',
      RATE_LIMIT_PER_SECOND: '0.1',
    });
  });
  afterAll(() => suite?.close());

  it('refuses a burst above the bucket with 429, Retry-After and problem+json', async () => {
    const statuses = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push((await call(suite, 'GET', '/api/v1/meta')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(suite, 'GET', '/api/v1/meta');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ status: 429, title: 'Too many requests' });
  });
});
