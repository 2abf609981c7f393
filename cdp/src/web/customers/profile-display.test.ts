import { describe, expect, it } from 'vitest';
import type { Profile } from './customers-api.ts';
import { identitiesByType, profileDisplayName, profileEmail } from './profile-display.ts';

function profile(partial: Partial<Profile>): Profile {
  return {
    id: '6f1c2d8e-8a4b-4c1e-9f3a-2b7d5e6f8a90',
    traits: {},
    identities: [],
    firstSeenAt: null,
    lastSeenAt: null,
    eventCount: 0,
    ...partial,
  };
}

describe('profileDisplayName', () => {
  it('prefers the name trait, then first and last name, then e-mail, user id and phone', () => {
    expect(profileDisplayName(profile({ traits: { name: ' Ada Lovelace ', email: 'a@x.io' } }))).toBe(
      'Ada Lovelace',
    );
    expect(profileDisplayName(profile({ traits: { firstName: 'Ada', lastName: 'Lovelace' } }))).toBe(
      'Ada Lovelace',
    );
    expect(profileDisplayName(profile({ identities: [{ type: 'email', value: 'ada@example.com' }] }))).toBe(
      'ada@example.com',
    );
    expect(
      profileDisplayName(
        profile({
          identities: [
            { type: 'phone', value: '+4930123' },
            { type: 'user_id', value: 'u-1' },
          ],
        }),
      ),
    ).toBe('u-1');
  });

  it('never shows a non-string trait as a name, and says when nobody is known', () => {
    const anonymous = profile({
      traits: { name: { first: 'Ada' }, email: 42 },
      identities: [{ type: 'anonymous_id', value: 'a-1' }],
    });
    expect(profileDisplayName(anonymous)).toBe('Anonymous visitor');
    expect(profileEmail(anonymous)).toBeUndefined();
  });
});

describe('identitiesByType', () => {
  it('groups values by type in display order and leaves out empty types', () => {
    const groups = identitiesByType(
      profile({
        identities: [
          { type: 'anonymous_id', value: 'a-1' },
          { type: 'email', value: 'ada@example.com' },
          { type: 'anonymous_id', value: 'a-2' },
        ],
      }),
    );
    expect(groups).toEqual([
      { type: 'email', values: ['ada@example.com'] },
      { type: 'anonymous_id', values: ['a-1', 'a-2'] },
    ]);
  });
});
