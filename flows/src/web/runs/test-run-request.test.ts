import { describe, expect, it } from 'vitest';
import { testRunRequestOf } from './test-run-request.ts';

const PROFILE = '0b9c6a2e-5f8e-4c1a-9d8e-2f1b3c4d5e6f';
const base = { source: 'event' as const, event: 'Form Submitted', properties: '', profileId: '' };

describe('testRunRequestOf', () => {
  it('sends a sample event with its JSON properties, for a profile when one is given', () => {
    expect(testRunRequestOf({ ...base, properties: '{"plan":"pro","seats":3}' })).toEqual({
      ok: true,
      request: { event: 'Form Submitted', properties: { plan: 'pro', seats: 3 } },
    });
    expect(testRunRequestOf({ ...base, profileId: ` ${PROFILE} ` })).toEqual({
      ok: true,
      request: { event: 'Form Submitted', properties: {}, profileId: PROFILE },
    });
  });

  it('sends only the profile when running for a profile', () => {
    expect(testRunRequestOf({ ...base, source: 'profile', profileId: PROFILE })).toEqual({
      ok: true,
      request: { profileId: PROFILE },
    });
  });

  it('says what is wrong with each field', () => {
    const result = testRunRequestOf({ source: 'event', event: ' ', properties: '[1]', profileId: 'abc' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['event', 'profileId', 'properties']);
    const broken = testRunRequestOf({ ...base, properties: '{plan: pro}' });
    expect(!broken.ok && broken.errors.properties).toMatch(/^Not valid JSON/);
    const noProfile = testRunRequestOf({ ...base, source: 'profile' });
    expect(!noProfile.ok && noProfile.errors.profileId).toBe('Enter the id of the profile to run for.');
  });
});
