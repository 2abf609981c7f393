import { describe, expect, it } from 'vitest';
import type { Profile } from '../customers-api.ts';
import { attachmentFilename } from './privacy-api.ts';
import {
  changedConsents,
  deletionConfirmationText,
  purposeLabel,
  purposesToShow,
} from './privacy-display.ts';

const profile = (identities: Profile['identities']): Profile => ({
  id: '6f1c2d8e-8a4b-4c1e-9f3a-2b7d5e6f8a90',
  traits: {},
  identities,
  firstSeenAt: null,
  lastSeenAt: null,
  eventCount: 0,
});

describe('privacy display', () => {
  it('asks to type the most recognizable identifier, the profile id for anonymous visitors', () => {
    expect(
      deletionConfirmationText(
        profile([
          { type: 'anonymous_id', value: 'a-1' },
          { type: 'user_id', value: 'u-1' },
          { type: 'email', value: 'ann@acme.io' },
        ]),
      ),
    ).toBe('ann@acme.io');
    expect(deletionConfirmationText(profile([{ type: 'user_id', value: 'u-1' }]))).toBe('u-1');
    expect(deletionConfirmationText(profile([{ type: 'anonymous_id', value: 'a-1' }]))).toBe(
      '6f1c2d8e-8a4b-4c1e-9f3a-2b7d5e6f8a90',
    );
  });

  it('shows the standard purposes first, then the others by name', () => {
    const consent = { status: 'granted' as const, updatedAt: '2024-01-01T00:00:00Z', source: 'api' as const };
    expect(purposesToShow({ zeta: consent, analytics: consent, c0004: consent })).toEqual([
      'marketing',
      'analytics',
      'personalization',
      'sales',
      'c0004',
      'zeta',
    ]);
    expect(purposeLabel('data_sharing')).toBe('Data sharing');
  });

  it('sends only what an admin changed', () => {
    const stored = {
      marketing: { status: 'granted' as const, updatedAt: '2024-01-01T00:00:00Z', source: 'api' as const },
    };
    expect(changedConsents(stored, { marketing: 'granted', sales: 'denied' })).toEqual({ sales: 'denied' });
    expect(changedConsents(stored, { marketing: 'revoked' })).toEqual({ marketing: 'revoked' });
  });

  it('reads the file name of the download', () => {
    expect(attachmentFilename('attachment; filename="customer-1.json"')).toBe('customer-1.json');
    expect(attachmentFilename(null)).toBeUndefined();
  });
});
