import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../node.ts';

function send(body: unknown, headers: Record<string, string> = {}) {
  return fetch('https://api.resend.com/emails', {
    method: 'POST',
    headers: { authorization: 'Bearer re_test', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('Resend mock (wire format)', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer();
  });
  afterAll(() => mocks.close());

  it('accepts `to` as a string and a display-name sender', async () => {
    const response = await send({
      from: 'Acme <hello@acme.test>',
      to: 'ada@example.com',
      subject: 'Hi',
      text: 'Hello',
    });
    expect(response.status).toBe(200);
    const { id } = await response.json();
    expect(mocks.mailbox.get(id)?.to).toEqual(['ada@example.com']);
  });

  it('answers validation errors with 422 in Resend’s shape', async () => {
    const missing = await send({ from: 'hello@acme.test', subject: 'Hi', text: 'x' });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      statusCode: 422,
      name: 'missing_required_field',
      message: 'Missing `to` field.',
    });

    const invalid = await send({ from: 'hello@acme.test', to: ['not an address'], subject: 'Hi', text: 'x' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ statusCode: 422, name: 'validation_error' });

    const unauthenticated = await fetch('https://api.resend.com/emails', { method: 'POST', body: '{}' });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ name: 'missing_api_key' });

    const longKey = await send(
      { from: 'a@acme.test', to: 'b@acme.test', subject: 'x', text: 'y' },
      {
        'idempotency-key': 'k'.repeat(257),
      },
    );
    expect(longKey.status).toBe(400);
  });
});
