import { describe, expect, it } from 'vitest';
import { instantOfWallTime, isValidTimeZone, nextWallClockTime, wallTimeAt } from './zoned-time.ts';

describe('zoned time', () => {
  it('reads wall-clock time in a zone', () => {
    expect(wallTimeAt(new Date('2026-07-01T07:30:00Z'), 'Europe/Paris')).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 9,
      minute: 30,
      second: 0,
    });
  });

  it('finds the instant of a wall-clock time on both sides of DST', () => {
    expect(
      instantOfWallTime({ year: 2026, month: 3, day: 28, hour: 9, minute: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-03-28T08:00:00.000Z');
    expect(
      instantOfWallTime({ year: 2026, month: 3, day: 30, hour: 9, minute: 0 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-03-30T07:00:00.000Z');
  });

  it('moves a time skipped in spring past the gap and takes the first of a doubled autumn time', () => {
    // Paris skips 02:00–03:00 on 2026-03-29; 02:30 becomes 03:30 CEST.
    expect(
      instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
    // New York lives 01:30 twice on 2026-11-01: first in EDT (UTC-4).
    expect(
      instantOfWallTime(
        { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
        'America/New_York',
      ).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
  });

  it('finds the next time of day on the given weekdays', () => {
    const saturdayEvening = new Date('2026-03-28T20:00:00Z'); // Saturday 21:00 in Paris, the night before DST
    expect(nextWallClockTime(saturdayEvening, { hour: 9, minute: 0 }, [], 'Europe/Paris').toISOString()).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(
      nextWallClockTime(saturdayEvening, { hour: 9, minute: 0 }, ['monday'], 'Europe/Paris').toISOString(),
    ).toBe('2026-03-30T07:00:00.000Z');
    // Exactly at the time: the next occurrence, not now.
    expect(
      nextWallClockTime(
        new Date('2026-03-30T07:00:00Z'),
        { hour: 9, minute: 0 },
        ['monday'],
        'Europe/Paris',
      ).toISOString(),
    ).toBe('2026-04-06T07:00:00.000Z');
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
