import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResendEmailSender } from '@orchestrator/shared/email';
import { UpstreamError } from '@orchestrator/shared/errors';
import { startMockServer, type MockServer } from '../node.ts';

describe('ResendEmailSender against the Resend mock', () => {
  let mocks: MockServer;
  beforeAll(() => {
    mocks = startMockServer({ resend: { apiKey: 're_test' } });
  });
  afterEach(() => mocks.mailbox.clear());
  afterAll(() => mocks.close());

  const sender = new ResendEmailSender({
    apiKey: 're_test',
    defaultFrom: 'Orchestrator <no-reply@orchestrator.test>',
  });

  it('delivers the message into the mailbox under the returned id', async () => {
    const { id } = await sender.send({
      to: ['ada@example.com', 'bob@example.com'],
      subject: 'Your booking is confirmed',
      html: '<p>See you on Monday</p>',
      text: 'See you on Monday',
    });

    expect(mocks.mailbox.list()).toHaveLength(1);
    expect(mocks.mailbox.get(id)).toMatchObject({
      id,
      from: 'Orchestrator <no-reply@orchestrator.test>',
      to: ['ada@example.com', 'bob@example.com'],
      subject: 'Your booking is confirmed',
      html: '<p>See you on Monday</p>',
      text: 'See you on Monday',
    });
  });

  it('stores a message once per idempotency key and returns the same id', async () => {
    const message = {
      from: 'Support <support@orchestrator.test>',
      to: ['ada@example.com'],
      subject: 'Ticket #7 updated',
      text: 'We replied to your ticket.',
      idempotencyKey: 'ticket-7-reply-1',
    };
    const first = await sender.send(message);
    const retry = await sender.send(message);

    expect(retry.id).toBe(first.id);
    expect(mocks.mailbox.list()).toHaveLength(1);
    expect(mocks.mailbox.list()[0]?.from).toBe('Support <support@orchestrator.test>');

    const other = await sender.send({ ...message, idempotencyKey: 'ticket-7-reply-2' });
    expect(other.id).not.toBe(first.id);
    expect(mocks.mailbox.list()).toHaveLength(2);
  });

  it('reports provider refusals as UpstreamError and stores nothing', async () => {
    const noBody = sender.send({ to: ['ada@example.com'], subject: 'Empty' });
    await expect(noBody).rejects.toBeInstanceOf(UpstreamError);
    await expect(noBody).rejects.toThrow('E-mail: 422 validation_error: Missing `html` or `text` field.');

    const wrongKey = new ResendEmailSender({ apiKey: 're_wrong', defaultFrom: 'a@orchestrator.test' });
    await expect(wrongKey.send({ to: ['ada@example.com'], subject: 'x', text: 'y' })).rejects.toThrow(
      'E-mail: 401 validation_error: API key is invalid',
    );

    await sender.send({ to: ['ada@example.com'], subject: 'A', text: 'a', idempotencyKey: 'reused' });
    await expect(
      sender.send({ to: ['ada@example.com'], subject: 'B', text: 'b', idempotencyKey: 'reused' }),
    ).rejects.toThrow('E-mail: 409 invalid_idempotent_request');
    expect(mocks.mailbox.list().map((mail) => mail.subject)).toEqual(['A']);
  });
});
