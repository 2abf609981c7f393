import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postWebhook, webhookUrlProblem } from './webhook-sender.ts';

describe('webhookUrlProblem', () => {
  it('refuses non-http schemes, credentials and (unless allowed) private hosts', () => {
    expect(webhookUrlProblem('ftp://hooks.example.com/x', false)).toBe('must be an http:// or https:// URL');
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/x', false)).toBe(
      'must not contain credentials',
    );
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', false)).toMatch(/public address/);
    expect(webhookUrlProblem('http://localhost/x', false)).toMatch(/public address/);
    expect(webhookUrlProblem('http://169.254.169.254/latest/meta-data', false)).toMatch(/public address/);
    expect(webhookUrlProblem('http://[::1]/x', false)).toMatch(/public address/);
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', true)).toBeUndefined();
    expect(webhookUrlProblem('https://hooks.example.com/x', false)).toBeUndefined();
  });
});

describe('postWebhook', () => {
  it('refuses private targets without sending anything', async () => {
    const result = await postWebhook({ url: 'http://127.0.0.1:9/x', body: '{}', headers: {} });
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/public address/);
  });

  it('posts the body and reports status and a body excerpt; times out slow receivers', async () => {
    let received = '';
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received = Buffer.concat(chunks).toString();
        if (req.url === '/slow') return; // never answers
        res.writeHead(418).end('x'.repeat(5000));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const answered = await postWebhook(
        { url: `${base}/ok`, body: '{"a":"é"}', headers: { 'content-type': 'application/json' } },
        { allowPrivateNetworks: true },
      );
      expect(received).toBe('{"a":"é"}');
      expect(answered.status).toBe(418);
      expect(answered.bodyExcerpt).toHaveLength(1024);
      const slow = await postWebhook(
        { url: `${base}/slow`, body: '{}', headers: {} },
        { allowPrivateNetworks: true, timeoutMs: 200 },
      );
      expect(slow).toMatchObject({ error: 'timed out after 200 ms' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
