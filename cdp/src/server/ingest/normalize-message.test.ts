import { describe, expect, it } from 'vitest';
import { SegmentMessageSchema, type SegmentMessage } from '../../contracts/index.ts';
import { normalizeMessage, parseTime } from './normalize-message.ts';

const receivedAt = new Date('2024-05-01T12:00:00.000Z');
const fixedId = () => 'generated-id';
const track = (fields: Record<string, unknown> = {}): SegmentMessage =>
  SegmentMessageSchema.parse({ type: 'track', event: 'Signed Up', userId: 'u1', ...fields });

describe('normalizeMessage', () => {
  it('corrects a device clock that runs ahead by the difference between sentAt and receivedAt', () => {
    // The device clock is 1 hour ahead: it stamped the event 10 s before sending.
    const message = track({ timestamp: '2024-05-01T12:59:50.000Z', sentAt: '2024-05-01T13:00:00.000Z' });
    const normalized = normalizeMessage(message, {}, receivedAt, fixedId);
    expect(normalized.timestamp).toBe('2024-05-01T11:59:50.000Z');
    expect(normalized.originalTimestamp).toBe('2024-05-01T12:59:50.000Z');
    expect(normalized.sentAt).toBe('2024-05-01T13:00:00.000Z');
  });

  it('corrects a clock that runs behind, using the batch sentAt when the message has none', () => {
    const message = track({ timestamp: '2024-05-01T11:00:00.000Z' });
    const normalized = normalizeMessage(message, { sentAt: '2024-05-01T11:00:05.000Z' }, receivedAt, fixedId);
    expect(normalized.timestamp).toBe('2024-05-01T11:59:55.000Z');
  });

  it("prefers the message's own sentAt over the batch's", () => {
    const message = track({ timestamp: '2024-05-01T10:00:00.000Z', sentAt: '2024-05-01T10:00:01.000Z' });
    const normalized = normalizeMessage(message, { sentAt: '2030-01-01T00:00:00.000Z' }, receivedAt, fixedId);
    expect(normalized.timestamp).toBe('2024-05-01T11:59:59.000Z');
  });

  it('falls back to originalTimestamp, then to sentAt itself (event time = receivedAt)', () => {
    const withOriginal = track({
      originalTimestamp: '2024-05-01T08:00:00.000Z',
      sentAt: '2024-05-01T08:00:30.000Z',
    });
    expect(normalizeMessage(withOriginal, {}, receivedAt, fixedId)).toMatchObject({
      timestamp: '2024-05-01T11:59:30.000Z',
      originalTimestamp: '2024-05-01T08:00:00.000Z',
    });
    const onlySentAt = track({ sentAt: '2020-01-01T00:00:00.000Z' });
    const normalized = normalizeMessage(onlySentAt, {}, receivedAt, fixedId);
    expect(normalized.timestamp).toBe(receivedAt.toISOString());
    expect(normalized.originalTimestamp).toBeUndefined();
  });

  it('takes the client timestamp as it is without sentAt, and receivedAt without either', () => {
    const historical = track({ timestamp: '2023-01-01T00:00:00+02:00' });
    expect(normalizeMessage(historical, {}, receivedAt, fixedId).timestamp).toBe('2022-12-31T22:00:00.000Z');
    expect(normalizeMessage(track(), {}, receivedAt, fixedId).timestamp).toBe(receivedAt.toISOString());
  });

  it('reads times without an offset as UTC, whatever the server zone', () => {
    expect(parseTime('2024-05-01T10:00:00')).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(parseTime('2024-05-01')).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(parseTime('2024-05-01T10:00:00+02:00')).toBe(Date.parse('2024-05-01T08:00:00Z'));
  });

  it('keeps a client messageId and makes one when there is none', () => {
    expect(normalizeMessage(track({ messageId: 'm-1' }), {}, receivedAt, fixedId).messageId).toBe('m-1');
    expect(normalizeMessage(track(), {}, receivedAt, fixedId).messageId).toBe('generated-id');
    const [a, b] = [normalizeMessage(track(), {}, receivedAt), normalizeMessage(track(), {}, receivedAt)];
    expect(a.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.messageId).not.toBe(b.messageId);
  });

  it("merges the batch context and integrations under the message's own, deeply", () => {
    const message = track({
      context: { page: { path: '/pricing' }, library: { version: '2.0' } },
      integrations: { Mixpanel: false },
    });
    const normalized = normalizeMessage(
      message,
      {
        context: { library: { name: 'analytics-node', version: '1.0' }, ip: '203.0.113.9' },
        integrations: { All: true, Mixpanel: true },
      },
      receivedAt,
      fixedId,
    );
    expect(normalized.context).toEqual({
      library: { name: 'analytics-node', version: '2.0' },
      ip: '203.0.113.9',
      page: { path: '/pricing' },
    });
    expect(normalized.integrations).toEqual({ All: true, Mixpanel: false });
  });

  it('leaves context and integrations out when neither side has them, and keeps the message fields', () => {
    const normalized = normalizeMessage(
      track({ properties: { plan: 'pro' }, anonymousId: 'a1' }),
      {},
      receivedAt,
      fixedId,
    );
    expect(normalized).toEqual({
      type: 'track',
      event: 'Signed Up',
      userId: 'u1',
      anonymousId: 'a1',
      properties: { plan: 'pro' },
      messageId: 'generated-id',
      timestamp: receivedAt.toISOString(),
    });
  });
});
