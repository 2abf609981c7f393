import { http, HttpResponse, type HttpHandler } from 'msw';
import { SignJWT, jwtVerify } from 'jose';
import { z } from 'zod';
import { bearerTokenOf, readJsonBody, withoutTrailingSlash } from './request-helpers.ts';

export const SUPABASE_MOCK_DEFAULT_URL = 'https://orchestrator-mock.supabase.co';
/** Only for the mock: a real project's secret comes from its settings. */
export const SUPABASE_MOCK_DEFAULT_JWT_SECRET = 'orchestrator-mock-supabase-jwt-secret-not-for-production';

export interface SupabaseAuthHandlersOptions {
  /** The project URL; GoTrue answers under `/auth/v1`. Default https://orchestrator-mock.supabase.co. */
  url?: string;
  /** Signs the HS256 access tokens, like a project's JWT secret. */
  jwtSecret?: string;
  /** When set, the `apikey` header must equal it; otherwise any non-empty key passes the gateway. */
  anonKey?: string;
  /** Default 3600 s, as in Supabase. */
  accessTokenTtlSeconds?: number;
}

interface MockUser {
  id: string;
  email: string;
  passwordDigest: string;
  userMetadata: Record<string, unknown>;
  createdAt: string;
}

const CredentialsSchema = z.object({ email: z.string(), password: z.string() });
const SignupSchema = CredentialsSchema.extend({ data: z.record(z.string(), z.unknown()).optional() });
const RefreshSchema = z.object({ refresh_token: z.string().min(1) });
const EmailSchema = z.email();

/** GoTrue answers `{code, message}` to clients that send X-Supabase-Api-Version ≥ 2024-01-01, else `{code, error_code, msg}`. */
function goTrueError(
  request: Request,
  status: number,
  errorCode: string,
  message: string,
  extra: object = {},
) {
  const apiVersion = request.headers.get('x-supabase-api-version');
  const body =
    apiVersion !== null && apiVersion >= '2024-01-01'
      ? { code: errorCode, message, ...extra }
      : { code: status, error_code: errorCode, msg: message, ...extra };
  return HttpResponse.json(body, { status });
}

async function digestPassword(userId: string, password: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${userId}:${password}`));
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Supabase Auth (GoTrue) with e-mail confirmation off: sign-up, password and refresh-token grants,
 * `GET /user` and logout, issuing real HS256 JWTs with Supabase's claims.
 */
export function supabaseAuthHandlers(options: SupabaseAuthHandlersOptions = {}): HttpHandler[] {
  const authUrl = `${withoutTrailingSlash(options.url ?? SUPABASE_MOCK_DEFAULT_URL)}/auth/v1`;
  const jwtKey = new TextEncoder().encode(options.jwtSecret ?? SUPABASE_MOCK_DEFAULT_JWT_SECRET);
  const ttlSeconds = options.accessTokenTtlSeconds ?? 3600;
  const usersByEmail = new Map<string, MockUser>();
  const userIdByRefreshToken = new Map<string, string>();

  function refuseWithoutApiKey(request: Request) {
    const apiKey = request.headers.get('apikey');
    if (!apiKey) return HttpResponse.json({ message: 'No API key found in request' }, { status: 401 });
    if (options.anonKey !== undefined && apiKey !== options.anonKey) {
      return HttpResponse.json({ message: 'Invalid API key' }, { status: 401 });
    }
    return undefined;
  }

  function toUserJson(user: MockUser) {
    return {
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      email_confirmed_at: user.createdAt,
      phone: '',
      confirmed_at: user.createdAt,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { ...user.userMetadata, email: user.email, email_verified: true, sub: user.id },
      identities: [],
      created_at: user.createdAt,
      updated_at: user.createdAt,
      is_anonymous: false,
    };
  }

  async function issueSession(user: MockUser) {
    const now = Math.floor(Date.now() / 1000);
    const sessionId = crypto.randomUUID();
    const accessToken = await new SignJWT({
      email: user.email,
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: user.userMetadata,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(authUrl)
      .setSubject(user.id)
      .setAudience('authenticated')
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(jwtKey);
    const refreshToken = crypto.randomUUID().replaceAll('-', '');
    userIdByRefreshToken.set(refreshToken, user.id);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ttlSeconds,
      expires_at: now + ttlSeconds,
      refresh_token: refreshToken,
      user: toUserJson(user),
    };
  }

  function findUserById(id: string): MockUser | undefined {
    return [...usersByEmail.values()].find((user) => user.id === id);
  }

  return [
    http.post(`${authUrl}/signup`, async ({ request }) => {
      const refused = refuseWithoutApiKey(request);
      if (refused) return refused;
      const body = await readJsonBody(request);
      const parsed = SignupSchema.safeParse(body.parsed ? body.value : undefined);
      if (!parsed.success)
        return goTrueError(request, 400, 'validation_failed', 'Signup requires a valid password');
      const email = parsed.data.email.trim().toLowerCase();
      if (!EmailSchema.safeParse(email).success) {
        return goTrueError(
          request,
          400,
          'validation_failed',
          'Unable to validate email address: invalid format',
        );
      }
      if (parsed.data.password.length < 6) {
        return goTrueError(request, 422, 'weak_password', 'Password should be at least 6 characters.', {
          weak_password: { reasons: ['length'] },
        });
      }
      if (usersByEmail.has(email))
        return goTrueError(request, 422, 'user_already_exists', 'User already registered');

      const id = crypto.randomUUID();
      const user: MockUser = {
        id,
        email,
        passwordDigest: await digestPassword(id, parsed.data.password),
        userMetadata: parsed.data.data ?? {},
        createdAt: new Date().toISOString(),
      };
      usersByEmail.set(email, user);
      return HttpResponse.json(await issueSession(user));
    }),

    http.post(`${authUrl}/token`, async ({ request }) => {
      const refused = refuseWithoutApiKey(request);
      if (refused) return refused;
      const grantType = new URL(request.url).searchParams.get('grant_type');
      const body = await readJsonBody(request);
      const value = body.parsed ? body.value : undefined;

      if (grantType === 'password') {
        const parsed = CredentialsSchema.safeParse(value);
        if (!parsed.success) return goTrueError(request, 400, 'validation_failed', 'missing email or phone');
        const user = usersByEmail.get(parsed.data.email.trim().toLowerCase());
        if (!user || user.passwordDigest !== (await digestPassword(user.id, parsed.data.password))) {
          return goTrueError(request, 400, 'invalid_credentials', 'Invalid login credentials');
        }
        return HttpResponse.json(await issueSession(user));
      }

      if (grantType === 'refresh_token') {
        const parsed = RefreshSchema.safeParse(value);
        const userId = parsed.success ? userIdByRefreshToken.get(parsed.data.refresh_token) : undefined;
        const user = userId === undefined ? undefined : findUserById(userId);
        if (!parsed.success || !user) {
          return goTrueError(
            request,
            400,
            'refresh_token_not_found',
            'Invalid Refresh Token: Refresh Token Not Found',
          );
        }
        // Refresh tokens rotate: each one can be used once.
        userIdByRefreshToken.delete(parsed.data.refresh_token);
        return HttpResponse.json(await issueSession(user));
      }

      return goTrueError(request, 400, 'validation_failed', 'unsupported_grant_type');
    }),

    http.get(`${authUrl}/user`, async ({ request }) => {
      const refused = refuseWithoutApiKey(request);
      if (refused) return refused;
      const token = bearerTokenOf(request);
      if (!token)
        return goTrueError(request, 401, 'no_authorization', 'This endpoint requires a valid Bearer token');
      try {
        const { payload } = await jwtVerify(token, jwtKey, {
          algorithms: ['HS256'],
          audience: 'authenticated',
        });
        const user = typeof payload.sub === 'string' ? findUserById(payload.sub) : undefined;
        if (!user)
          return goTrueError(request, 403, 'user_not_found', 'User from sub claim in JWT does not exist');
        return HttpResponse.json(toUserJson(user));
      } catch {
        return goTrueError(
          request,
          403,
          'bad_jwt',
          'invalid JWT: unable to parse or verify signature, token is invalid',
        );
      }
    }),

    http.post(`${authUrl}/logout`, ({ request }) => {
      const refused = refuseWithoutApiKey(request);
      if (refused) return refused;
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
