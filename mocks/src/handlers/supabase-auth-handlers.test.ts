import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../node.ts';
import { SUPABASE_MOCK_DEFAULT_URL } from './supabase-auth-handlers.ts';

function call(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${SUPABASE_MOCK_DEFAULT_URL}/auth/v1${path}`, {
    method: 'POST',
    headers: { apikey: 'anon', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('Supabase Auth mock (wire format)', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer();
  });
  afterAll(() => mocks.close());

  it('answers errors in the legacy shape, or the 2024-01-01 shape when asked', async () => {
    await call('/signup', { email: 'ada@example.com', password: 'secret-1' });

    const legacy = await call('/signup', { email: 'ada@example.com', password: 'secret-1' });
    expect(legacy.status).toBe(422);
    expect(await legacy.json()).toEqual({
      code: 422,
      error_code: 'user_already_exists',
      msg: 'User already registered',
    });

    const versioned = await call(
      '/token?grant_type=password',
      { email: 'ada@example.com', password: 'nope' },
      {
        'x-supabase-api-version': '2024-01-01',
      },
    );
    expect(versioned.status).toBe(400);
    expect(await versioned.json()).toEqual({
      code: 'invalid_credentials',
      message: 'Invalid login credentials',
    });
  });

  it('needs the apikey header, like the Supabase gateway', async () => {
    const response = await fetch(`${SUPABASE_MOCK_DEFAULT_URL}/auth/v1/signup`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('rotates refresh tokens', async () => {
    const session = await (await call('/signup', { email: 'bob@example.com', password: 'secret-2' })).json();
    const refreshed = await call('/token?grant_type=refresh_token', { refresh_token: session.refresh_token });
    expect(refreshed.status).toBe(200);
    expect((await refreshed.json()).user.id).toBe(session.user.id);
    const reused = await call('/token?grant_type=refresh_token', { refresh_token: session.refresh_token });
    expect(reused.status).toBe(400);
  });
});
