import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt } from 'jose';
import { SupabaseAuthProvider } from '@orchestrator/shared/auth';
import { ConflictError, UnauthorizedError, ValidationError } from '@orchestrator/shared/errors';
import { startMockServer, type MockServer } from '../node.ts';

const SUPABASE_URL = 'https://project-ref.supabase.test';
const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters';

describe('SupabaseAuthProvider against the Supabase Auth mock', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer({
      supabaseAuth: { url: SUPABASE_URL, jwtSecret: JWT_SECRET, anonKey: 'anon-key' },
    });
  });
  afterAll(() => mocks.close());

  const auth = new SupabaseAuthProvider({ url: SUPABASE_URL, anonKey: 'anon-key', jwtSecret: JWT_SECRET });

  it('signs up, signs in and verifies the issued tokens', async () => {
    const signedUp = await auth.signUp({ email: 'Ada@Example.com', password: 'correct horse', name: 'Ada' });
    expect(signedUp.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(signedUp.email).toBe('ada@example.com');

    const claims = decodeJwt(signedUp.accessToken);
    expect(claims).toMatchObject({
      sub: signedUp.userId,
      email: 'ada@example.com',
      role: 'authenticated',
      aud: 'authenticated',
    });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);

    const signedIn = await auth.signIn({ email: 'ada@example.com', password: 'correct horse' });
    expect(signedIn.userId).toBe(signedUp.userId);
    expect(await auth.verify(signedIn.accessToken)).toEqual({
      userId: signedUp.userId,
      email: 'ada@example.com',
    });
  });

  it('refuses a taken e-mail with ConflictError and a weak password with ValidationError', async () => {
    await auth.signUp({ email: 'bob@example.com', password: 'password-1', name: 'Bob' });
    await expect(
      auth.signUp({ email: 'bob@example.com', password: 'password-2', name: 'Bob' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      auth.signUp({ email: 'carol@example.com', password: '123', name: 'Carol' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    await auth.signUp({ email: 'dave@example.com', password: 'right-password', name: 'Dave' });
    for (const attempt of [
      { email: 'dave@example.com', password: 'wrong-password' },
      { email: 'nobody@example.com', password: 'right-password' },
    ]) {
      const failure = auth.signIn(attempt);
      await expect(failure).rejects.toBeInstanceOf(UnauthorizedError);
      await expect(failure).rejects.toThrow('Wrong e-mail or password');
    }
  });

  it('refuses tampered, foreign, expired and anon tokens', async () => {
    const { accessToken } = await auth.signUp({
      email: 'erin@example.com',
      password: 'erin-password',
      name: 'Erin',
    });
    const [header, , signature] = accessToken.split('.') as [string, string, string];

    const forgedPayload = Buffer.from(
      JSON.stringify({ ...decodeJwt(accessToken), email: 'admin@example.com' }),
    ).toString('base64url');
    const foreignKey = new TextEncoder().encode('another-project-secret-with-32-characters!!');
    const key = new TextEncoder().encode(JWT_SECRET);
    const expired = await new SignJWT({ email: 'erin@example.com', role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setAudience('authenticated')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    const anon = await new SignJWT({ role: 'anon' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    const foreign = await new SignJWT({ email: 'erin@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setAudience('authenticated')
      .sign(foreignKey);

    for (const token of [
      `${header}.${forgedPayload}.${signature}`,
      expired,
      anon,
      foreign,
      'not-a-jwt',
      '',
    ]) {
      await expect(auth.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
    }
  });

  it('answers GET /auth/v1/user for a valid token, as GoTrue does', async () => {
    const { accessToken, userId } = await auth.signIn({
      email: 'ada@example.com',
      password: 'correct horse',
    });
    const response = await fetch(`${SUPABASE_URL}/auth/v1/user`, {
      headers: { apikey: 'anon-key', authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: userId,
      email: 'ada@example.com',
      aud: 'authenticated',
    });
  });
});
