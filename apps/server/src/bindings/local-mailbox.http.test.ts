import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '@orchestrator/shared/di';
import { embeddedTestDatabase } from '@orchestrator/shared/testing';
import type { RunningSuite } from '../suite.ts';
import { call, startTestSuite } from '../testing/start-test-suite.ts';

describe('local mode mailbox', () => {
  let suite: RunningSuite;
  let token: string;
  beforeAll(async () => {
    suite = await startTestSuite(embeddedTestDatabase);
    const signup = await call(suite, 'POST', '/api/v1/auth/signup', {
      body: {
        email: `mia-${randomUUID()}@example.com`,
        password: 'password123',
        name: 'Mia',
        workspace: 'Mia Co',
      },
    });
    token = signup.body.token;
  });
  afterAll(() => suite?.close());

  it('keeps what the suite sends through the real e-mail client and shows it at /api/v1/dev/mailbox', async () => {
    const sender = await resolve(suite.container, TOKENS.EmailSender);
    const { id } = await sender.send({
      to: ['customer@example.com'],
      subject: 'Your invoice',
      text: 'Hello, here is your invoice.',
      html: '<p>Hello, here is your <b>invoice</b>.</p>',
    });

    const mailbox = await call(suite, 'GET', '/api/v1/dev/mailbox', { token });
    expect(mailbox.status).toBe(200);
    expect(mailbox.body.items[0]).toMatchObject({
      id,
      to: ['customer@example.com'],
      subject: 'Your invoice',
      from: 'Orchestrator <no-reply@orchestrator.local>',
      text: 'Hello, here is your invoice.',
    });
    expect((await call(suite, 'GET', '/api/v1/meta')).body).toMatchObject({ mode: 'local', mailbox: true });

    expect((await call(suite, 'DELETE', '/api/v1/dev/mailbox', { token })).status).toBe(204);
    expect((await call(suite, 'GET', '/api/v1/dev/mailbox', { token })).body).toEqual({ items: [] });
    expect((await call(suite, 'GET', '/api/v1/dev/mailbox')).status).toBe(401);
  });

  it('fails loudly on a third-party request nobody mocked', async () => {
    await expect(fetch('https://unmocked.example.com/anything')).rejects.toThrow();
  });
});
