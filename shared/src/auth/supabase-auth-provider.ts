import { jwtVerify } from 'jose';
import { z } from 'zod';
import {
  ConflictError,
  DomainError,
  UnauthorizedError,
  UpstreamError,
  ValidationError,
} from '../errors/domain-errors.ts';
import type { AuthIdentity, AuthProvider, AuthSession } from '../ports/auth-provider.ts';

export interface SupabaseAuthProviderOptions {
  /** The project URL, e.g. https://abcd.supabase.co (GoTrue lives under /auth/v1). */
  url: string;
  /** The project's anon (publishable) key; the API gateway refuses requests without one. */
  anonKey: string;
  /** The project's JWT secret, which signs access tokens with HS256. */
  jwtSecret: string;
  /** Default 15 s. */
  timeoutMs?: number;
}

const SessionSchema = z.object({
  access_token: z.string().min(1),
  user: z.object({ id: z.string().min(1), email: z.string().optional() }),
});

/**
 * GoTrue answers errors in three shapes depending on version and on the X-Supabase-Api-Version header:
 * `{code: 400, error_code, msg}`, `{code: 'invalid_credentials', message}` and the older OAuth
 * `{error: 'invalid_grant', error_description}`. All three are read.
 */
const GoTrueErrorSchema = z.object({
  code: z.union([z.string(), z.number()]).optional(),
  error_code: z.string().optional(),
  msg: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

interface GoTrueFailure {
  status: number;
  errorCode: string | undefined;
  message: string;
}

const GOTRUE_API_VERSION = '2024-01-01';
const TOKEN_AUDIENCE = 'authenticated';

/** Who a person is, in staging: Supabase Auth (GoTrue) over its REST API; tokens verified locally. */
export class SupabaseAuthProvider implements AuthProvider {
  private readonly authUrl: string;
  private readonly jwtKey: Uint8Array;

  constructor(private readonly options: SupabaseAuthProviderOptions) {
    this.authUrl = `${options.url.replace(/\/+$/, '')}/auth/v1`;
    this.jwtKey = new TextEncoder().encode(options.jwtSecret);
  }

  async signUp(input: { email: string; password: string; name: string }): Promise<AuthSession> {
    const result = await this.post('/signup', {
      email: input.email,
      password: input.password,
      data: { name: input.name },
    });
    if ('failure' in result) {
      const { errorCode, message } = result.failure;
      if (
        errorCode === 'user_already_exists' ||
        errorCode === 'email_exists' ||
        /already registered/i.test(message)
      ) {
        throw new ConflictError('An account with this e-mail address already exists');
      }
      if (errorCode === 'weak_password') {
        throw new ValidationError('The password is too weak', [{ field: 'password', message }]);
      }
      if (errorCode === 'email_address_invalid') {
        throw new ValidationError('The e-mail address is invalid', [{ field: 'email', message }]);
      }
      throw this.upstream(result.failure);
    }
    const session = SessionSchema.safeParse(result.body);
    if (!session.success) {
      // Without a session GoTrue is waiting for the user to confirm the address by e-mail.
      throw new UpstreamError(
        'Supabase Auth',
        'sign-up returned no session: turn off "Confirm email" for this project',
      );
    }
    return this.toSession(session.data, input.email);
  }

  async signIn(input: { email: string; password: string }): Promise<AuthSession> {
    const result = await this.post('/token?grant_type=password', {
      email: input.email,
      password: input.password,
    });
    if ('failure' in result) {
      const { status, errorCode, message } = result.failure;
      if (errorCode === 'email_not_confirmed')
        throw new UnauthorizedError('The e-mail address is not confirmed yet');
      if (
        errorCode === 'invalid_credentials' ||
        errorCode === 'invalid_grant' ||
        (status === 400 && /invalid login credentials/i.test(message))
      ) {
        throw new UnauthorizedError('Wrong e-mail or password');
      }
      throw this.upstream(result.failure);
    }
    const session = SessionSchema.safeParse(result.body);
    if (!session.success) throw new UpstreamError('Supabase Auth', 'sign-in answered without a session');
    return this.toSession(session.data, input.email);
  }

  async verify(accessToken: string): Promise<AuthIdentity> {
    try {
      // Only HS256: a token signed with anything else (or "none") must not get through.
      const { payload } = await jwtVerify(accessToken, this.jwtKey, {
        algorithms: ['HS256'],
        audience: TOKEN_AUDIENCE,
      });
      if (typeof payload.sub !== 'string' || typeof payload['email'] !== 'string') {
        throw new UnauthorizedError('The token names no user');
      }
      return { userId: payload.sub, email: payload['email'] };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new UnauthorizedError('Invalid or expired token');
    }
  }

  private toSession(session: z.infer<typeof SessionSchema>, requestedEmail: string): AuthSession {
    return {
      userId: session.user.id,
      email: session.user.email ?? requestedEmail,
      accessToken: session.access_token,
    };
  }

  private upstream(failure: GoTrueFailure): UpstreamError {
    const code = failure.errorCode ? ` ${failure.errorCode}` : '';
    return new UpstreamError('Supabase Auth', `${failure.status}${code}: ${failure.message}`);
  }

  private async post(path: string, body: unknown): Promise<{ body: unknown } | { failure: GoTrueFailure }> {
    let response: Response;
    try {
      // `globalThis.fetch` is looked up per call so request interception (MSW) applies to it.
      response = await globalThis.fetch(`${this.authUrl}${path}`, {
        method: 'POST',
        headers: {
          apikey: this.options.anonKey,
          authorization: `Bearer ${this.options.anonKey}`,
          'content-type': 'application/json',
          'x-supabase-api-version': GOTRUE_API_VERSION,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new UpstreamError(
        'Supabase Auth',
        `request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { body: payload };

    const parsed = GoTrueErrorSchema.safeParse(payload);
    const error = parsed.success ? parsed.data : {};
    return {
      failure: {
        status: response.status,
        errorCode:
          error.error_code ?? (typeof error.code === 'string' ? error.code : undefined) ?? error.error,
        message:
          error.msg ?? error.message ?? error.error_description ?? (response.statusText || 'no details'),
      },
    };
  }
}
