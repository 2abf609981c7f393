import { describe, expect, it } from 'vitest';
import { returnToPath } from './return-to.ts';

describe('returnToPath', () => {
  it('returns to the page the user was sent away from', () => {
    expect(returnToPath({ from: { pathname: '/crm/deals', search: '?stage=won', hash: '' } })).toBe(
      '/crm/deals?stage=won',
    );
  });

  it('goes to the workspace home without a usable origin, never back to the auth pages', () => {
    expect(returnToPath(null)).toBe('/');
    expect(returnToPath({ from: { pathname: '//evil.example', search: '', hash: '' } })).toBe('/');
    expect(returnToPath({ from: { pathname: '/login', search: '', hash: '' } })).toBe('/');
  });
});
