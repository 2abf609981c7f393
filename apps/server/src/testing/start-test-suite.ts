import type { TestDatabaseEngine } from '@orchestrator/shared/testing';
import { startSuite, type RunningSuite } from '../suite.ts';

/**
 * The whole suite on an ephemeral port for an integration test, on a fresh database of `engine`
 * (in-memory PGlite, or a new database on the PostgreSQL server).
 */
export async function startTestSuite(
  engine: TestDatabaseEngine,
  env: Record<string, string> = {},
): Promise<RunningSuite> {
  const test = engine.name === 'postgres' ? await engine.create({ migrate: false }) : undefined;
  // The suite opens its own pool on the URL; this handle was only needed to create the database.
  const databaseUrl = test?.url;
  const suite = await startSuite({
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory',
      SEED_DEMO: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
  });
  return {
    ...suite,
    async close() {
      await suite.close();
      await test?.dispose();
    },
  };
}

/** A parsed JSON body, read freely by tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = any;

/** fetch + JSON for tests: returns status, headers and the parsed body. */
export async function call(
  suite: { url: string },
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: JsonBody }> {
  const response = await fetch(suite.url + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}
