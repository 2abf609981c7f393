import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { MetaResponseSchema } from '@orchestrator/shared/contracts';
import type { AuthResponse } from '@orchestrator/shared/contracts';

const session: AuthResponse = {
  token: 'token-1',
  user: { id: '6f1c2d8e-8a4b-4c1e-9f3a-2b7d5e6f8a90', email: 'dana@example.com', name: 'Dana' },
  tenant: { id: '0b2e4c6d-1f3a-4b5c-8d7e-9f0a1b2c3d4e', name: 'Acme', slug: 'acme' },
  role: 'owner',
};

function problemResponse(status: number, body: object): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

// The client and the session store are browser code: give them a localStorage and a fetch to talk to.
async function loadClient() {
  vi.resetModules();
  const { apiClient } = await import('./api-client.ts');
  const store = await import('./session-store.ts');
  const { isApiProblem } = await import('./api-problem.ts');
  return { apiClient, store, isApiProblem };
}

describe('apiClient', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
    });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token and workspace of the session, and checks the answer against the schema', async () => {
    const { apiClient, store } = await loadClient();
    store.setSession(session);
    fetchMock.mockResolvedValue(
      Response.json({ name: 'Orchestrator', version: '1', mode: 'local', mailbox: true }),
    );

    const meta = await apiClient.get('/api/v1/meta', MetaResponseSchema);

    expect(meta.mailbox).toBe(true);
    const headers = fetchMock.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer token-1');
    expect(headers['x-tenant-id']).toBe(session.tenant.id);
  });

  it('throws an ApiProblem carrying the problem’s status, title, detail and field errors', async () => {
    const { apiClient } = await loadClient();
    fetchMock.mockResolvedValue(
      problemResponse(422, {
        type: 'https://orchestrator.dev/problems/validation',
        title: 'Invalid input',
        status: 422,
        detail: 'Some fields are not valid.',
        errors: [{ field: 'body.email', message: 'must be an e-mail address' }],
      }),
    );

    const error = await apiClient.post('/api/v1/auth/login', {}, MetaResponseSchema).catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'ApiProblem',
      status: 422,
      title: 'Invalid input',
      detail: 'Some fields are not valid.',
      errors: [{ field: 'body.email', message: 'must be an e-mail address' }],
    });
  });

  it('keeps the whole problem document, so a caller reads the extension members its endpoint adds', async () => {
    const { apiClient, isApiProblem } = await loadClient();
    const refused = {
      type: 'https://orchestrator.dev/problems/validation',
      title: 'Invalid input',
      status: 422,
      detail: 'The flow has 1 problem to fix first',
      requestId: 'req-1',
      errors: [{ field: 'graph.nodes.mail', message: 'Pick a sender' }],
      problems: [{ code: 'invalid-config', message: 'Pick a sender', nodeId: 'mail' }],
    };
    fetchMock.mockResolvedValue(problemResponse(422, refused));
    const GraphProblems = z.array(z.object({ code: z.string(), message: z.string(), nodeId: z.string() }));

    const error = await apiClient
      .post('/api/v1/flows/f1/publish', {}, MetaResponseSchema)
      .catch((e: unknown) => e);

    expect(isApiProblem(error)).toBe(true);
    if (!isApiProblem(error)) return;
    expect(error.problem).toEqual(refused);
    expect(error.member('problems', GraphProblems)).toEqual(refused.problems);
    // A member that is missing, or not of the documented shape, reads as absent rather than throwing.
    expect(error.member('conflicts', GraphProblems)).toBeUndefined();
    expect(error.member('detail', GraphProblems)).toBeUndefined();
  });

  it('ends the session on a 401 to an authenticated call', async () => {
    const { apiClient, store } = await loadClient();
    store.setSession(session);
    fetchMock.mockResolvedValue(
      problemResponse(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }),
    );

    await expect(apiClient.get('/api/v1/auth/me', MetaResponseSchema)).rejects.toMatchObject({ status: 401 });
    expect(store.getSession()).toBeNull();
  });

  it('sends PUT bodies as JSON, and reads a DELETE answer only when given a schema', async () => {
    const { apiClient } = await loadClient();
    const meta = { name: 'Orchestrator', version: '1', mode: 'local', mailbox: false };
    fetchMock.mockImplementation(async () => Response.json(meta));

    await expect(apiClient.put('/api/v1/thing', { a: 1 }, MetaResponseSchema)).resolves.toEqual(meta);
    expect(fetchMock.mock.calls[0]?.[1]).toMatchObject({ method: 'PUT', body: '{"a":1}' });
    await expect(apiClient.delete('/api/v1/thing')).resolves.toBeUndefined();
    await expect(apiClient.delete('/api/v1/thing', MetaResponseSchema)).resolves.toEqual(meta);
  });

  it('turns a network failure and a non-problem error page into ApiProblems too', async () => {
    const { apiClient } = await loadClient();
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(apiClient.get('/api/v1/meta', MetaResponseSchema)).rejects.toMatchObject({
      status: 0,
      title: 'Cannot reach the server',
    });

    fetchMock.mockResolvedValueOnce(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    await expect(apiClient.get('/api/v1/meta', MetaResponseSchema)).rejects.toMatchObject({
      status: 502,
      title: 'Bad Gateway',
    });
  });
});
