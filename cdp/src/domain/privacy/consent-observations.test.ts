import { describe, expect, it } from 'vitest';
import { normalizedMessage } from '../test-support.ts';
import { consentObservationsOf, MAX_PURPOSES_PER_MESSAGE } from './consent-observations.ts';
import { consentStatusOf, purposeOfCategory, slugOfCategory } from './consent-purposes.ts';

const at = '2024-06-01T10:00:00.000Z';

function observed(raw: Record<string, unknown>) {
  return consentObservationsOf(normalizedMessage(raw, { messageId: 'm1', timestamp: at })).map(
    ({ purpose, status, source }) => [purpose, status, source],
  );
}

describe('purposes of consent categories', () => {
  it('maps the usual consent-manager categories onto the standard purposes', () => {
    expect(purposeOfCategory('Advertising')).toBe('marketing');
    expect(purposeOfCategory('Targeting')).toBe('marketing');
    expect(purposeOfCategory('Analytics')).toBe('analytics');
    expect(purposeOfCategory('Performance')).toBe('analytics');
    expect(purposeOfCategory('Functional')).toBe('personalization');
    expect(purposeOfCategory('Personalisation')).toBe('personalization');
    expect(purposeOfCategory('sales')).toBe('sales');
  });

  it('keeps any other category as its own purpose, by slug', () => {
    expect(slugOfCategory('DataSharing')).toBe('data_sharing');
    expect(purposeOfCategory('Data Selling')).toBe('data_selling');
    expect(purposeOfCategory('C0004')).toBe('c0004');
    expect(purposeOfCategory('Économie ')).toBe('economie');
    expect(purposeOfCategory('---')).toBeUndefined();
    expect(purposeOfCategory('x'.repeat(64))).toBeUndefined();
  });

  it('reads booleans and status words, and nothing else', () => {
    expect(consentStatusOf(true)).toBe('granted');
    expect(consentStatusOf(false)).toBe('denied');
    expect(consentStatusOf(' Revoked ')).toBe('revoked');
    expect(consentStatusOf('false')).toBe('denied');
    expect(consentStatusOf('maybe')).toBeUndefined();
    expect(consentStatusOf(1)).toBeUndefined();
    expect(consentStatusOf(null)).toBeUndefined();
    expect(consentStatusOf('constructor')).toBeUndefined();
  });
});

describe('consentObservationsOf', () => {
  it("reads Segment's context.consent.categoryPreferences on any message", () => {
    expect(
      observed({
        type: 'track',
        event: 'Segment Consent Preference Updated',
        userId: 'u1',
        context: {
          consent: { categoryPreferences: { Advertising: true, Analytics: false, DataSharing: false } },
        },
      }),
    ).toEqual([
      ['analytics', 'denied', 'context'],
      ['data_sharing', 'denied', 'context'],
      ['marketing', 'granted', 'context'],
    ]);
  });

  it('takes an empty categoryPreferences as consent to nothing, and a missing one as saying nothing', () => {
    expect(
      observed({ type: 'page', anonymousId: 'a1', context: { consent: { categoryPreferences: {} } } }),
    ).toEqual([
      ['analytics', 'denied', 'context'],
      ['marketing', 'denied', 'context'],
      ['personalization', 'denied', 'context'],
      ['sales', 'denied', 'context'],
    ]);
    expect(observed({ type: 'page', anonymousId: 'a1', context: { consent: {} } })).toEqual([]);
    expect(observed({ type: 'page', anonymousId: 'a1' })).toEqual([]);
  });

  it("reads an identify call's traits.consent, flat or in Segment's shape", () => {
    expect(
      observed({ type: 'identify', userId: 'u1', traits: { consent: { marketing: true, sales: 'denied' } } }),
    ).toEqual([
      ['marketing', 'granted', 'traits'],
      ['sales', 'denied', 'traits'],
    ]);
    expect(
      observed({
        type: 'identify',
        userId: 'u1',
        traits: { consent: { categoryPreferences: { Analytics: true } } },
      }),
    ).toEqual([['analytics', 'granted', 'traits']]);
  });

  it('ignores consent in the traits of other calls and in context.traits (stale cached traits)', () => {
    expect(
      observed({ type: 'group', userId: 'u1', groupId: 'g1', traits: { consent: { marketing: true } } }),
    ).toEqual([]);
    expect(
      observed({
        type: 'track',
        event: 'x',
        userId: 'u1',
        context: { traits: { consent: { marketing: true } } },
      }),
    ).toEqual([]);
  });

  it("reads RudderStack's allowed and denied consent ids", () => {
    expect(
      observed({
        type: 'track',
        event: 'x',
        anonymousId: 'a1',
        context: {
          consentManagement: {
            allowedConsentIds: ['C0001', 'Analytics'],
            deniedConsentIds: { C0004: 'Targeting' },
          },
        },
      }),
    ).toEqual([
      ['analytics', 'granted', 'context'],
      ['c0001', 'granted', 'context'],
      ['c0004', 'denied', 'context'],
    ]);
  });

  it('resolves disagreement inside one message to the more restrictive answer', () => {
    expect(
      observed({
        type: 'identify',
        userId: 'u1',
        traits: { consent: { marketing: true } },
        context: { consent: { categoryPreferences: { Advertising: false, Marketing: true } } },
      }),
    ).toEqual([['marketing', 'denied', 'context']]);
  });

  it("stamps observations with the message's event time and id, and caps the number of purposes", () => {
    const [first] = consentObservationsOf(
      normalizedMessage(
        { type: 'identify', userId: 'u1', traits: { consent: { marketing: true } } },
        { messageId: 'm-42', timestamp: at },
      ),
    );
    expect(first).toEqual({
      purpose: 'marketing',
      status: 'granted',
      at,
      source: 'traits',
      messageId: 'm-42',
    });

    const many = Object.fromEntries(Array.from({ length: 80 }, (_, index) => [`purpose_${index}`, true]));
    expect(
      observed({ type: 'page', anonymousId: 'a1', context: { consent: { categoryPreferences: many } } }),
    ).toHaveLength(MAX_PURPOSES_PER_MESSAGE);
  });
});
