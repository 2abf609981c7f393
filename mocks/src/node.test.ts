import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockServer, type MockServer } from './node.ts';

describe('startMockServer', () => {
  let mocks: MockServer;
  let ownServer: Server;
  let ownUrl: string;

  beforeAll(async () => {
    mocks = startMockServer();
    ownServer = createServer((_request, response) => response.end('own server'));
    await new Promise<void>((resolve) => ownServer.listen(0, '127.0.0.1', resolve));
    ownUrl = `http://127.0.0.1:${(ownServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    mocks.close();
    await new Promise((resolve) => ownServer.close(resolve));
  });

  it('lets requests to our own server on localhost through, silently', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await fetch(`${ownUrl}/healthz`);
      expect(await response.text()).toBe('own server');
      const viaName = await fetch(ownUrl.replace('127.0.0.1', 'localhost'));
      expect(viaName.status).toBe(200);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it('fails an unmocked third-party request loudly, naming method and URL', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(fetch('https://example.com/api/things', { method: 'POST', body: '{}' })).rejects.toThrow(
        TypeError,
      );
      expect(printed).toHaveBeenCalledWith(expect.stringContaining('POST https://example.com/api/things'));
    } finally {
      printed.mockRestore();
    }
  });

  it('fails unmocked requests made with node:https too', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const https = await import('node:https');
    try {
      const outcome = await new Promise<string>((resolve) => {
        https
          .get('https://example.org/status', (response) => resolve(`answered ${response.statusCode}`))
          .on('error', (error) => resolve(`failed: ${error.message}`));
      });
      expect(outcome).toMatch(/^failed/);
      expect(printed).toHaveBeenCalledWith(expect.stringContaining('GET https://example.org/status'));
    } finally {
      printed.mockRestore();
    }
  });

  it('keeps state per instance', async () => {
    mocks.close();
    const first = startMockServer();
    await fetch('https://api.resend.com/emails', {
      method: 'POST',
      headers: { authorization: 'Bearer re_x', 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'a@x.test', to: 'b@x.test', subject: 'hi', text: 'hi' }),
    });
    expect(first.mailbox.size).toBe(1);
    first.close();

    const second = startMockServer();
    expect(second.mailbox.size).toBe(0);
    second.close();
    mocks = startMockServer();
  });
});
