import { describe, expect, it } from 'vitest';
import { availability, spamReason } from './form-status.ts';
import { formSubmittedMessage } from './form-submitted.ts';
import { isPrivateAddress, isPrivateHostName } from './network-address.ts';
import { maxAttempts, nextRetryDelayMs } from './retry-schedule.ts';
import { prefixTsQuery } from './search-query.ts';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';
import { contactForm, definition } from './test-fixtures.ts';

const settings = definition().settings;
const now = new Date('2024-06-01T12:00:00Z');

describe('availability', () => {
  it('is open when published, before closeAt and under the quota', () => {
    expect(availability({ published: true, submissionCount: 0 }, settings, now)).toEqual({ open: true });
  });
  it('is closed when unpublished, past closeAt, or at the quota (with the custom message)', () => {
    expect(availability({ published: false, submissionCount: 0 }, settings, now)).toMatchObject({
      reason: 'unpublished',
    });
    expect(
      availability(
        { published: true, submissionCount: 0 },
        { ...settings, closeAt: '2024-06-01T11:59:59Z' },
        now,
      ),
    ).toMatchObject({ reason: 'closed' });
    expect(
      availability(
        { published: true, submissionCount: 3 },
        { ...settings, responseQuota: 3, closedMessage: 'Full!' },
        now,
      ),
    ).toEqual({ open: false, reason: 'quota', message: 'Full!' });
  });
});

describe('spamReason', () => {
  it('files honeypots and too-fast submissions as spam', () => {
    expect(spamReason({ honeypot: 'http://spam' }, settings, now)).toBe('honeypot');
    expect(spamReason({ honeypot: '' }, settings, now)).toBeNull();
    const timed = { ...settings, timeToFillSeconds: 5 };
    expect(spamReason({ startedAt: '2024-06-01T11:59:58Z' }, timed, now)).toBe('too_fast');
    expect(spamReason({ startedAt: '2024-06-01T11:59:50Z' }, timed, now)).toBeNull();
    expect(spamReason({}, timed, now)).toBeNull();
  });
});

describe('formSubmittedMessage', () => {
  it('is a track "Form Submitted" identified by the e-mail, with answers by title and by id', () => {
    const form = contactForm();
    const message = formSubmittedMessage({
      formId: '00000000-0000-4000-8000-000000000001',
      version: 3,
      definition: form,
      submissionId: '00000000-0000-4000-8000-000000000002',
      answers: { name: 'Ann', email: 'Ann@Example.com', topic: 'Support' },
      hiddenFields: { utm_source: 'ads' },
      submittedAt: '2024-06-01T12:00:00.000Z',
    });
    expect(message).toMatchObject({
      type: 'track',
      event: 'Form Submitted',
      messageId: 'form-submission:00000000-0000-4000-8000-000000000002',
      anonymousId: expect.stringMatching(/^form-email:[0-9a-f]{64}$/),
      properties: {
        formTitle: 'Contact',
        version: 3,
        answers: { 'Your name': 'Ann', 'E-mail': 'Ann@Example.com', Topic: 'Support' },
        answersById: { name: 'Ann', email: 'Ann@Example.com', topic: 'Support' },
        hiddenFields: { utm_source: 'ads' },
        email: 'Ann@Example.com',
      },
      context: { traits: { email: 'Ann@Example.com' } },
      timestamp: '2024-06-01T12:00:00.000Z',
    });
    const again = formSubmittedMessage({
      formId: '00000000-0000-4000-8000-000000000001',
      version: 3,
      definition: form,
      submissionId: '00000000-0000-4000-8000-000000000003',
      answers: { email: 'ann@example.com' },
      hiddenFields: {},
      submittedAt: '2024-06-01T12:00:00.000Z',
    });
    expect(again.anonymousId).toBe(message.anonymousId);
  });
});

describe('webhook signatures', () => {
  it('signs like Stripe and verifies in constant time, refusing tampering and stale timestamps', () => {
    const header = signWebhook('whsec_test', '{"a":1}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('whsec_test', '{"a":1}', header, 1_700_000_010)).toBe(true);
    expect(verifyWebhookSignature('whsec_test', '{"a":2}', header, 1_700_000_010)).toBe(false);
    expect(verifyWebhookSignature('other', '{"a":1}', header, 1_700_000_010)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', '{"a":1}', header, 1_700_001_000)).toBe(false);
  });
});

describe('retry schedule', () => {
  it('backs off along the schedule with bounded jitter, then gives up', () => {
    expect(nextRetryDelayMs(1, undefined, () => 0.5)).toBe(60_000);
    expect(nextRetryDelayMs(2, undefined, () => 0.5)).toBe(300_000);
    expect(nextRetryDelayMs(1, undefined, () => 0)).toBe(54_000);
    expect(nextRetryDelayMs(1, undefined, () => 1)).toBe(66_000);
    expect(nextRetryDelayMs(7)).toBeUndefined();
    expect(nextRetryDelayMs(2, [10, 20], () => 0.5)).toBe(20);
    expect(maxAttempts([10, 20])).toBe(3);
  });
});

describe('private addresses', () => {
  it('recognizes loopback, private, link-local and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '2606:4700::1111']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
    expect(isPrivateHostName('localhost')).toBe(true);
    expect(isPrivateHostName('[::1]')).toBe(true);
    expect(isPrivateHostName('hooks.example.com')).toBe(false);
  });
});

describe('prefixTsQuery', () => {
  it('makes every word a required, quoted prefix and strips tsquery syntax', () => {
    expect(prefixTsQuery('Ann  acme')).toBe("'ann':* & 'acme':*");
    expect(prefixTsQuery("o'brien & (x | !y)")).toBe("'o':* & 'brien':* & 'x':* & 'y':*");
    expect(prefixTsQuery('  ')).toBeUndefined();
  });
});

describe('formSubmittedMessage size', () => {
  it('stays under the CDP budget by shedding answersById, then long texts', () => {
    const fields = Array.from({ length: 60 }, (_, index) => ({
      id: `q${index}`,
      kind: 'long_text' as const,
      title: `Question ${index}`,
    }));
    const answers = Object.fromEntries(fields.map((field) => [field.id, 'x'.repeat(5000)]));
    const message = formSubmittedMessage({
      formId: '00000000-0000-4000-8000-000000000001',
      version: 1,
      definition: { title: 'Big', fields },
      submissionId: '00000000-0000-4000-8000-000000000002',
      answers,
      hiddenFields: {},
      submittedAt: '2024-06-01T12:00:00.000Z',
    });
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(24 * 1024);
    expect(message.properties.truncated).toBe(true);
    expect(message.properties.answersById).toEqual({});
    expect(String(message.properties.answers['Question 0'])).toHaveLength(101);
  });
});
