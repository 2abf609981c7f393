import { describe, expect, it } from 'vitest';
import { compareInstants, earliestInstant, latestInstant } from './instant.ts';

describe('instants', () => {
  it('compares by the instant, not the text', () => {
    expect(compareInstants('2024-01-01T10:00:00+02:00', '2024-01-01T09:00:00Z')).toBeLessThan(0);
    expect(compareInstants('2024-01-01T08:00:00Z', '2024-01-01T10:00:00+02:00')).toBe(0);
    expect(compareInstants('2024-01-01', '2024-01-01T00:00:00.000Z')).toBe(0);
  });

  it('keeps precision below a millisecond', () => {
    expect(compareInstants('2024-01-01T00:00:00.000001Z', '2024-01-01T00:00:00.000002Z')).toBeLessThan(0);
    expect(compareInstants('2024-01-01T00:00:00.1Z', '2024-01-01T00:00:00.099999Z')).toBeGreaterThan(0);
  });

  it('reads times without an offset as UTC, never as server-local time', () => {
    expect(compareInstants('2024-01-01T00:00:00', '2024-01-01T00:00:00Z')).toBe(0);
  });

  it('picks earliest and latest deterministically, ignoring missing values', () => {
    const sameInstant = ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000+00:00'] as const;
    expect(earliestInstant(sameInstant[0], sameInstant[1])).toBe(
      earliestInstant(sameInstant[1], sameInstant[0]),
    );
    expect(latestInstant(sameInstant[0], sameInstant[1])).toBe(latestInstant(sameInstant[1], sameInstant[0]));
    expect(earliestInstant(null, '2024-01-01T00:00:00Z')).toBe('2024-01-01T00:00:00Z');
    expect(latestInstant('2024-01-01T00:00:00Z', null)).toBe('2024-01-01T00:00:00Z');
    expect(latestInstant('2024-01-01T00:00:00Z', 'not a date')).toBe('not a date');
    expect(earliestInstant('2024-01-01T00:00:00Z', 'not a date')).toBe('2024-01-01T00:00:00Z');
  });
});
