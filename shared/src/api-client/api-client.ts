import { TENANT_HEADER } from '@orchestrator/shared/contracts';
import { clearSession, getSession } from './session-store.ts';
import { ApiProblem } from './api-problem.ts';

/** What the client needs of a zod schema: checking an answer's shape. */
export interface ResponseSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

export interface RequestOptions {
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the suite's API as the signed-in user: JSON in and out, bearer token and workspace header from
 * the session. Failures throw an ApiProblem. A 401 on an authenticated call means the session is over,
 * so it is cleared, which sends the user to /login (see RequireSession) and back afterwards.
 */
async function request<T>(
  method: Method,
  path: string,
  schema: ResponseSchema<T> | undefined,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const session = getSession();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
    headers[TENANT_HEADER] = session.tenant.id;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw ApiProblem.unreachable(error);
  }

  if (!response.ok) {
    const problem = await ApiProblem.fromResponse(response);
    if (response.status === 401 && session) clearSession();
    throw problem;
  }
  if (response.status === 204 || schema === undefined) return undefined as T;

  const payload: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiProblem({
      status: response.status,
      title: 'Unexpected answer from the server',
      detail: `The answer to ${method} ${path} did not have the expected shape.`,
    });
  }
  return parsed.data;
}

export const apiClient = {
  get: <T>(path: string, schema: ResponseSchema<T>, options?: RequestOptions) =>
    request('GET', path, schema, undefined, options),
  post: <T>(path: string, body: unknown, schema: ResponseSchema<T>, options?: RequestOptions) =>
    request('POST', path, schema, body, options),
  patch: <T>(path: string, body: unknown, schema: ResponseSchema<T>, options?: RequestOptions) =>
    request('PATCH', path, schema, body, options),
  put: <T>(path: string, body: unknown, schema: ResponseSchema<T>, options?: RequestOptions) =>
    request('PUT', path, schema, body, options),
  /** Without a schema the answer's body is not read (204, or a body the caller ignores). */
  delete: <T = void>(path: string, schema?: ResponseSchema<T>, options?: RequestOptions) =>
    request<T>('DELETE', path, schema, undefined, options),
};
