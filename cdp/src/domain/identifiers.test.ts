import { describe, expect, it } from 'vitest';
import { extractIdentifiers, normalizeEmail, normalizePhone } from './identifiers.ts';
import { normalizedMessage } from './test-support.ts';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jane.Doe+News@Example.ORG \n')).toBe('jane.doe+news@example.org');
  });

  it('rejects what is not an e-mail', () => {
    for (const raw of [
      '',
      'jane',
      'jane@',
      '@example.org',
      'jane doe@example.org',
      'jane@localhost',
      42,
      null,
    ]) {
      expect(normalizeEmail(raw)).toBeUndefined();
    }
  });
});

describe('normalizePhone', () => {
  it('brings every way of writing one number to the same E.164', () => {
    const written = [
      '+1 (415) 555-2671',
      '+14155552671',
      '+1.415.555.2671',
      'tel:+1-415-555-2671',
      ' +1 415 5552671 ',
    ];
    expect(written.map((raw) => normalizePhone(raw))).toEqual(written.map(() => '+14155552671'));
    expect(normalizePhone(4155552671, 'US')).toBe('+14155552671');
    expect(normalizePhone('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(normalizePhone('001 415 555 2671', 'DE')).toBe('+14155552671');
    expect(normalizePhone('030 1234567', 'DE')).toBe('+49301234567');
    expect(normalizePhone('+44 (0) 20 7946 0958')).toBe('+442079460958');
  });

  it('does not guess a country, and rejects invalid numbers and text around a number', () => {
    expect(normalizePhone('(415) 555-2671')).toBeUndefined();
    expect(normalizePhone('+1 000 000 0000')).toBeUndefined();
    expect(normalizePhone('call me at +14155552671')).toBeUndefined();
    expect(normalizePhone('')).toBeUndefined();
    expect(normalizePhone({ number: '+14155552671' })).toBeUndefined();
  });
});

describe('extractIdentifiers', () => {
  it('reads user id, anonymous id, e-mails and phones from identify', () => {
    const message = normalizedMessage({
      type: 'identify',
      userId: 'u-1',
      anonymousId: 'a-1',
      traits: { email: '  Jane@Example.org ', phone: '+1 415 555 2671' },
      context: { traits: { email: 'JANE@example.org', phone: '(415) 555-2671' } },
    });
    expect(extractIdentifiers(message)).toEqual([
      { type: 'user_id', value: 'u-1' },
      { type: 'anonymous_id', value: 'a-1' },
      { type: 'email', value: 'jane@example.org' },
      { type: 'phone', value: '+14155552671' },
    ]);
  });

  it('uses the workspace country for national phone numbers', () => {
    const message = normalizedMessage({ type: 'identify', userId: 'u-1', traits: { phone: '030 1234567' } });
    expect(extractIdentifiers(message)).toEqual([{ type: 'user_id', value: 'u-1' }]);
    expect(extractIdentifiers(message, { defaultPhoneCountry: 'DE' })).toContainEqual({
      type: 'phone',
      value: '+49301234567',
    });
  });

  it('ignores invalid e-mails and phones with an extension (a shared switchboard)', () => {
    const message = normalizedMessage({
      type: 'identify',
      anonymousId: 'a-1',
      traits: { email: 'not an email', phone: '+1 415 555 2671 ext. 12' },
    });
    expect(extractIdentifiers(message)).toEqual([{ type: 'anonymous_id', value: 'a-1' }]);
  });

  it('turns numeric ids into strings', () => {
    const message = normalizedMessage({ type: 'group', userId: 42, groupId: 7 });
    expect(extractIdentifiers(message)).toEqual([
      { type: 'user_id', value: '42' },
      { type: 'group_id', value: '7' },
    ]);
  });

  it('reads the e-mail of a track event (a form submission) but not page properties', () => {
    const submitted = normalizedMessage({
      type: 'track',
      anonymousId: 'a-1',
      event: 'Form Submitted',
      properties: { email: 'Lead@Example.org' },
    });
    expect(extractIdentifiers(submitted)).toContainEqual({ type: 'email', value: 'lead@example.org' });
    const page = normalizedMessage({
      type: 'page',
      anonymousId: 'a-1',
      properties: { email: 'x@example.org' },
    });
    expect(extractIdentifiers(page)).toEqual([{ type: 'anonymous_id', value: 'a-1' }]);
  });

  it("takes the group id from group calls but not the company's e-mail from their traits", () => {
    const message = normalizedMessage({
      type: 'group',
      userId: 'u-1',
      groupId: 'acme',
      traits: { name: 'Acme', email: 'billing@acme.com' },
      context: { traits: { email: 'jane@acme.com' } },
    });
    expect(extractIdentifiers(message)).toEqual([
      { type: 'user_id', value: 'u-1' },
      { type: 'email', value: 'jane@acme.com' },
      { type: 'group_id', value: 'acme' },
    ]);
  });

  it('reads context.externalIds, mapping our own types and namespacing the rest', () => {
    const message = normalizedMessage({
      type: 'track',
      event: 'Deal Won',
      userId: 'u-1',
      context: {
        externalIds: [
          { id: 'C-17', type: 'CRM_Contact_ID', collection: 'users', encoding: 'none' },
          { id: 99, type: 'hubspot_id' },
          { id: 'Jane@Example.org', type: 'email', collection: 'users' },
          { id: 'acct-1', type: 'salesforce_id', collection: 'accounts' },
          { id: '', type: 'stripe_id' },
          { nonsense: true },
        ],
      },
    });
    expect(extractIdentifiers(message)).toEqual([
      { type: 'user_id', value: 'u-1' },
      { type: 'external_id', value: 'crm_contact_id:C-17' },
      { type: 'external_id', value: 'hubspot_id:99' },
      { type: 'email', value: 'jane@example.org' },
    ]);
  });

  it('treats an alias previousId as the anonymous id it usually is', () => {
    const serverSide = normalizedMessage({ type: 'alias', userId: 'u-1', previousId: 'a-1' });
    expect(extractIdentifiers(serverSide)).toEqual([
      { type: 'user_id', value: 'u-1' },
      { type: 'anonymous_id', value: 'a-1' },
    ]);
    const browser = normalizedMessage({
      type: 'alias',
      userId: 'u-1',
      previousId: 'a-1',
      anonymousId: 'a-1',
    });
    expect(extractIdentifiers(browser)).toEqual(extractIdentifiers(serverSide));
  });

  it('treats previousId as a former user id when the message has another anonymous id', () => {
    const message = normalizedMessage({
      type: 'alias',
      userId: 'new',
      previousId: 'old',
      anonymousId: 'a-1',
    });
    expect(extractIdentifiers(message)).toEqual([
      { type: 'user_id', value: 'new' },
      { type: 'user_id', value: 'old' },
      { type: 'anonymous_id', value: 'a-1' },
    ]);
  });

  it('deduplicates identifiers that appear in several places', () => {
    const message = normalizedMessage({
      type: 'identify',
      userId: 'u-1',
      traits: { email: 'jane@example.org' },
      context: { traits: { email: 'Jane@Example.org' }, externalIds: [{ id: 'u-1', type: 'user_id' }] },
    });
    expect(extractIdentifiers(message)).toEqual([
      { type: 'user_id', value: 'u-1' },
      { type: 'email', value: 'jane@example.org' },
    ]);
  });
});
