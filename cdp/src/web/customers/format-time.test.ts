import { describe, expect, it } from 'vitest';
import { formatExact, formatRelative } from './format-time.ts';

describe('formatRelative', () => {
  const now = new Date('2025-06-10T12:00:00Z');

  it('says "just now" under a minute and picks the largest whole unit otherwise', () => {
    expect(formatRelative('2025-06-10T11:59:30Z', now)).toBe('just now');
    expect(formatRelative('2025-06-10T11:57:00Z', now)).toMatch(/3 minutes ago/);
    expect(formatRelative('2025-06-10T09:00:00Z', now)).toMatch(/3 hours ago/);
    expect(formatRelative('2025-06-12T12:00:00Z', now)).toMatch(/in 2 days/);
  });

  it('passes through what is not a date instead of showing "Invalid Date"', () => {
    expect(formatRelative('soon', now)).toBe('soon');
    expect(formatExact('soon')).toBe('soon');
  });
});
