/**
 * The third-party API mocks (Supabase Auth, OpenAI, Resend, Kestra) served over real HTTP on
 * 127.0.0.1, from a worker thread. In staging mode the suite talks to real services over the network;
 * running MSW inside the suite's process instead (as the staging tests do) would put its interceptor
 * on every socket of the process — the database and Kafka connections included — and the benchmark
 * would measure that. Each service answers under its own path prefix:
 * `/supabase` (SUPABASE_URL), `/openai/v1` (OPENAI_BASE_URL), `/resend` (EMAIL_API_URL), `/kestra`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { getResponse } from 'msw';
import { Mailbox, SUPABASE_MOCK_DEFAULT_JWT_SECRET, createMockHandlers } from '@orchestrator/mocks';

export interface MockHttpServer {
  /** Environment variables pointing the suite at the mocks. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const urls = (base: string) => ({
  SUPABASE_URL: `${base}/supabase`,
  OPENAI_BASE_URL: `${base}/openai/v1`,
  EMAIL_API_URL: `${base}/resend`,
  KESTRA_URL: `${base}/kestra`,
});

/** Starts the mock server in a worker thread. */
export async function startMockHttpServer(): Promise<MockHttpServer> {
  const worker = new Worker(new URL(import.meta.url));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
  });
  return {
    env: urls(`http://127.0.0.1:${port}`),
    close: async () => void (await worker.terminate()),
  };
}

async function serve(): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = urls(base);
  const handlers = createMockHandlers({
    mailbox: new Mailbox(),
    supabaseAuth: { url: env.SUPABASE_URL, jwtSecret: SUPABASE_MOCK_DEFAULT_JWT_SECRET },
    openAi: { baseUrl: env.OPENAI_BASE_URL },
    resend: { baseUrl: env.EMAIL_API_URL },
    kestra: { url: env.KESTRA_URL },
  });
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
        else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      }
      const request = new Request(new URL(req.url ?? '/', base), {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      });
      getResponse(handlers, request)
        .then(async (response) => {
          if (!response) {
            res.writeHead(404, { 'content-type': 'text/plain' }).end(`No mock for ${req.method} ${req.url}`);
            return;
          }
          const payload = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, Object.fromEntries(response.headers)).end(payload);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        });
    });
  });
  parentPort!.postMessage({ port: (server.address() as AddressInfo).port });
}

if (!isMainThread) void serve();
