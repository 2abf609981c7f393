import { afterEach, describe, expect, it, vi } from 'vitest';
import { UpstreamError, ValidationError } from '../errors/domain-errors.ts';
import { ResendEmailSender } from './resend-email-sender.ts';

// End-to-end behaviour against the Resend mock lives in mocks/src/adapters; this pins the wire format.
describe('ResendEmailSender', () => {
  const sender = new ResendEmailSender({
    apiKey: 're_test',
    defaultFrom: 'Orchestrator <no-reply@orchestrator.test>',
    baseUrl: 'https://resend.test/',
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function answer(status: number, body: unknown) {
    const fetchStub = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      Response.json(body, { status }),
    );
    vi.stubGlobal('fetch', fetchStub);
    return fetchStub;
  }

  it('posts Resend’s body with bearer key, idempotency key and the default sender', async () => {
    const fetchStub = answer(200, { id: 'email-1' });

    const result = await sender.send({
      to: ['ada@example.com'],
      subject: 'Hello',
      text: 'Hi Ada',
      replyTo: 'support@example.com',
      idempotencyKey: 'welcome/ada',
    });

    expect(result).toEqual({ id: 'email-1' });
    const [url, init] = fetchStub.mock.calls[0]!;
    expect(url).toBe('https://resend.test/emails');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({
      authorization: 'Bearer re_test',
      'idempotency-key': 'welcome/ada',
    });
    expect(JSON.parse(String(init?.body))).toEqual({
      from: 'Orchestrator <no-reply@orchestrator.test>',
      to: ['ada@example.com'],
      subject: 'Hello',
      text: 'Hi Ada',
      reply_to: 'support@example.com',
    });
  });

  it('refuses an invalid message before calling the provider', async () => {
    const fetchStub = answer(200, { id: 'never' });
    await expect(sender.send({ to: ['not-an-address'], subject: 'x', text: 'y' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('turns a provider error into an UpstreamError naming status and reason', async () => {
    answer(422, { statusCode: 422, name: 'validation_error', message: 'Invalid `from` field.' });
    const failure = sender.send({ to: ['ada@example.com'], subject: 'x', text: 'y' });
    await expect(failure).rejects.toBeInstanceOf(UpstreamError);
    await expect(failure).rejects.toThrow('E-mail: 422 validation_error: Invalid `from` field.');
  });
});
