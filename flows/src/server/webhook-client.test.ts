import type * as Dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebhookRequest } from '../domain/index.ts';
import { sendWebhook } from './webhook-client.ts';

/** A public-looking name that resolves to the loopback address: what DNS rebinding looks like. */
const REBOUND_HOST = 'hooks.rebound.test';

vi.mock('node:dns', async (importOriginal) => {
  const dns = await importOriginal<typeof Dns>();
  const lookup = (
    hostname: string,
    options: { all?: boolean },
    callback: (error: Error | null, address: unknown, family?: number) => void,
  ) => {
    if (hostname !== REBOUND_HOST) return dns.lookup(hostname, options as never, callback as never);
    const address = { address: '127.0.0.1', family: 4 };
    return options.all ? callback(null, [address]) : callback(null, address.address, address.family);
  };
  return { ...dns, default: { ...dns, lookup }, lookup };
});

let server: Server;
let port: number;
const connections: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ received: request.headers['idempotency-key'] }));
  });
  server.on('connection', (socket) => connections.push(`${socket.remotePort}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function request(allowPrivateNetworks: boolean, idempotencyKey: string): WebhookRequest {
  return {
    url: `http://${REBOUND_HOST}:${port}/hook`,
    method: 'POST',
    headers: {},
    body: { hello: 'world' },
    allowPrivateNetworks,
    idempotencyKey,
    timeoutMs: 5_000,
  };
}

describe('sendWebhook', () => {
  it('keeps connections alive between calls', async () => {
    const before = connections.length;
    for (const key of ['a', 'b', 'c']) {
      const response = await sendWebhook(request(true, key), { secret: 's', now: new Date() });
      expect(response).toMatchObject({ status: 200, body: { received: key } });
    }
    expect(connections.length - before).toBe(1);
  });

  it('never lets a step that may not call private networks reuse a connection to a private address', async () => {
    // A step allowed to call private networks left a kept-alive connection to the rebound name.
    await sendWebhook(request(true, 'allowed'), { secret: 's', now: new Date() });
    // A step that is not allowed must be refused by the DNS check, not handed that connection.
    await expect(sendWebhook(request(false, 'guarded'), { secret: 's', now: new Date() })).rejects.toThrow(
      /resolves to a private address/,
    );
  });
});
