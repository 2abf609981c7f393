import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startingResponder } from './starting-responder.ts';

describe('a server that listens before its app is attached', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer(startingResponder);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says it is alive but not ready, so probes neither restart it nor route to it', async () => {
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'starting' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('2');
  });

  it('answers every other request with a 503 problem to retry, instead of leaving it hanging', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/meta'],
      ['POST', '/v1/batch?x=1'],
      ['GET', '/'],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method, signal: AbortSignal.timeout(5_000) });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({ title: 'Starting', status: 503 });
    }
  });
});
